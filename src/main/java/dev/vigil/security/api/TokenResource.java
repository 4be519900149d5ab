package dev.vigil.security.api;

import dev.vigil.security.AuditLog;
import dev.vigil.security.Caller;
import jakarta.inject.Provider;
import dev.vigil.security.ApiToken;
import dev.vigil.security.Role;
import dev.vigil.security.ServiceScope;
import dev.vigil.security.TokenLifetime;
import dev.vigil.security.TokenService;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Admins issue, list and revoke tokens. A new token's secret is in the creation response and nowhere else. */
@Path("/api/v1/admin/tokens")
@RolesAllowed(Role.ADMIN_NAME)
@Blocking
public class TokenResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}");

    private final TokenService tokens;
    private final TokenLifetime lifetime;

    private final AuditLog audit;
    private final Provider<Caller> caller;

    public TokenResource(TokenService tokens, TokenLifetime lifetime, AuditLog audit, Provider<Caller> caller) {
        this.audit = audit;
        this.caller = caller;
        this.tokens = tokens;
        this.lifetime = lifetime;
    }

    /**
     * @param expiresIn    a duration ({@code 90d}, {@code 12h}) or an instant; absent: the maximum lifetime
     * @param services     glob patterns ({@code checkout*}) of the services it may act on; absent: all
     * @param environments glob patterns of the environments it may act in; absent: all
     */
    public record CreateToken(String name, List<String> roles, String expiresIn, List<String> services,
            List<String> environments) {
    }

    /**
     * A token as listed: never the secret. {@code expiresAt} is null for a token that never expires; empty
     * {@code services} or {@code environments} mean all.
     */
    public record TokenView(String id, String name, List<String> roles, Instant createdAt, Instant revokedAt,
            Instant expiresAt, List<String> services, List<String> environments) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.roles().stream().map(Role::wireName).sorted().toList(),
                    t.createdAt(), t.revokedAt(), t.expiresAt(), t.scope().services(), t.scope().environments());
        }
    }

    public record CreatedToken(String token, TokenView details) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createToken", summary = "Issue a token; its secret is shown this once")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateToken.class)))
    @APIResponse(responseCode = "201", description = "The token, with its secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedToken.class)))
    public Response create(CreateToken request) {
        if (request == null) {
            throw ProblemException.badRequest("a body {\"name\", \"roles\"} is required", List.of());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            errors.add(new Problem.FieldError(null, "name", "invalid_field",
                    "name must be 1-128 letters, digits or _.@- and start with a letter or digit"));
        }
        Set<Role> roles = roles(request.roles(), errors);
        List<String> services = patterns("services", request.services(), errors);
        List<String> environments = patterns("environments", request.environments(), errors);
        if (roles.contains(Role.ADMIN) && !(services.isEmpty() && environments.isEmpty())) {
            // an admin issues tokens of any scope, so a scope on it would only look like a limit
            errors.add(new Problem.FieldError(null, "services", "invalid_field", "an admin token cannot be scoped"));
        }
        TokenService.Issued issued = null;
        if (errors.isEmpty()) {
            try {
                issued = tokens.issue(request.name(), roles, new ServiceScope(services, environments), lifetime,
                        request.expiresIn());
            } catch (TokenLifetime.Invalid e) {
                errors.add(new Problem.FieldError(null, "expiresIn", "invalid_field", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the token request is invalid", errors);
        }
        ApiToken t = issued.token();
        audit.record(caller.get(), "token.create", null, null, "token " + t.id() + " '" + t.name() + "' roles "
                + TokenView.of(t).roles() + (t.scope().unrestricted() ? "" : " services " + t.scope().services()
                + " environments " + t.scope().environments()) + " expires " + t.expiresAt());
        // The secret exists only in this answer: no cache (browser, proxy) may keep a copy.
        return Response.status(201).header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .entity(new CreatedToken(issued.secret(), TokenView.of(issued.token()))).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<TokenView> list() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke a token")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@PathParam("id") String id) {
        if (!tokens.revoke(id)) {
            throw ProblemException.notFound("no active token with id " + id);
        }
        audit.record(caller.get(), "token.revoke", null, null, "token " + id);
        return Response.noContent().build();
    }

    private static List<String> patterns(String field, List<String> patterns, List<Problem.FieldError> errors) {
        if (patterns == null) {
            return List.of();
        }
        if (patterns.size() > ServiceScope.MAX_PATTERNS) {
            errors.add(new Problem.FieldError(null, field, "invalid_field",
                    field + " may list at most " + ServiceScope.MAX_PATTERNS + " patterns"));
            return List.of();
        }
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            if (p == null || !ServiceScope.PATTERN.matcher(p).matches()) {
                errors.add(new Problem.FieldError(null, field + "[" + i + "]", "invalid_field",
                        "a pattern is 1-128 letters, digits, _.- or * (any run of them)"));
            }
        }
        return patterns;
    }

    private static Set<Role> roles(List<String> names, List<Problem.FieldError> errors) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names == null || names.isEmpty()) {
            errors.add(new Problem.FieldError(null, "roles", "missing_field", "roles must list at least one of viewer, ingest, gate, admin"));
            return roles;
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Role.fromWire(name).ifPresentOrElse(roles::add, () -> errors.add(new Problem.FieldError(null, "roles",
                    "invalid_field", "unknown role '" + name + "'; expected viewer, ingest, gate or admin")));
        }
        return roles;
    }
}
