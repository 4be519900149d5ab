package dev.vigil.security.api;

import dev.vigil.security.ApiToken;
import dev.vigil.security.Role;
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

/** Admins issue, list and revoke tokens. A new token's secret is in the creation response and nowhere else. */
@Path("/api/v1/admin/tokens")
@RolesAllowed(Role.ADMIN_NAME)
@Blocking
public class TokenResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}");

    private final TokenService tokens;

    public TokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    public record CreateToken(String name, List<String> roles) {
    }

    /** A token as listed: never the secret. */
    public record TokenView(String id, String name, List<String> roles, Instant createdAt, Instant revokedAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.roles().stream().map(Role::wireName).sorted().toList(),
                    t.createdAt(), t.revokedAt());
        }
    }

    public record CreatedToken(String token, TokenView details) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
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
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the token request is invalid", errors);
        }
        TokenService.Issued issued = tokens.issue(request.name(), roles);
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
    public Response revoke(@PathParam("id") String id) {
        if (!tokens.revoke(id)) {
            throw ProblemException.notFound("no active token with id " + id);
        }
        return Response.noContent().build();
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
