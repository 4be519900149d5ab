package dev.vigil.gate.api;

import dev.vigil.security.AuditLog;
import dev.vigil.security.Caller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.gate.FlaggerWebhook;
import dev.vigil.gate.GateDecisionText;
import dev.vigil.gate.GateEvaluation;
import dev.vigil.gate.GateRequest;
import dev.vigil.gate.service.DecisionLinks;
import dev.vigil.gate.service.GateConfig;
import dev.vigil.gate.service.GateService;
import dev.vigil.security.ApiToken;
import dev.vigil.security.AuthFailures;
import dev.vigil.security.Role;
import dev.vigil.security.TokenService;
import dev.vigil.validation.JsonSyntax;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * Flagger's webhook (pre-rollout, rollout, confirm-promotion): 200 lets the rollout go on, 412 halts it, with the
 * text format as the body (Flagger logs it in its events). Never waits for data: Flagger calls again.
 *
 * <p>Authentication: Flagger cannot send headers from a webhook definition, so this endpoint (only this one) takes
 * the bearer token from {@code metadata.token}; an {@code Authorization: Bearer} header, if present, wins. The token
 * needs the {@code gate} role. It is checked here rather than by the security layer because it travels in the body;
 * a header token is checked before the body is read, and the body is bounded ({@code vigil.security.body-limit.flagger})
 * and counted against the address's failed authentications like a bad header token.
 */
@Path("/api/v1/gates/flagger")
@PermitAll
@Blocking
public class FlaggerResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Logger LOG = Logger.getLogger(FlaggerResource.class);

    private final GateService gates;
    private final TokenService tokens;
    private final AuthFailures failures;
    private final GateConfig config;

    private final AuditLog audit;
    private final DecisionLinks links;

    public FlaggerResource(GateService gates, TokenService tokens, AuthFailures failures, GateConfig config,
            AuditLog audit, DecisionLinks links) {
        this.links = links;
        this.audit = audit;
        this.gates = gates;
        this.tokens = tokens;
        this.failures = failures;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "flaggerWebhook", summary = "Flagger's confirm-promotion/pre-rollout webhook",
            description = "The token may come in the payload's metadata (Flagger cannot send headers) or as a bearer header")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, additionalProperties = Object.class,
                    description = "Flagger's payload: name, namespace, phase, checksum, metadata (strings)")))
    @APIResponse(responseCode = "200", description = "Go on; the decision in the text format",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "412", description = "Halt; the decision in the text format",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "401", description = "No valid token in the payload or header")
    @APIResponse(responseCode = "403", description = "The token's role or scope does not allow this release")
    @APIResponse(responseCode = "409", description = "The request id was used before with a different request")
    @APIResponse(responseCode = "422", description = "No policy can judge this release")
    public Response webhook(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @Context HttpServerRequest http) {
        String address = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        Optional<String> header = bearer(authorization);
        ApiToken token = header.isPresent() ? authorize(header, address) : null; // before the body is looked at
        FlaggerWebhook hook = parse(body);
        if (token == null) {
            token = authorize(hook.token(), address);
        }
        GateRequest request;
        try {
            request = hook.toRequest();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw GateRequestReader.invalid(e.getMessage());
        }
        token.scope().require(request.service(), request.environment());
        String base = GateResource.baseUrl(config, http);
        String who = token.name();
        GateEvaluation e = GateResource.domain(() -> gates.submit(request, base, who)).evaluation();
        boolean proceed = e.decision() != null && hook.proceeds(e.verdict());
        audit.record(Caller.of(token), "gate.flagger", request.service(), request.environment(), "evaluation " + e.id()
                + " version " + request.version() + (proceed ? " proceed" : " halt"));
        return Response.status(proceed ? 200 : 412).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(GateDecisionText.format(e, links.pageUrl(base, e.id()), null)).build();
    }

    static FlaggerWebhook parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body is not valid JSON " + JsonSyntax.describe(e), List.of());
        }
        if (root == null || !root.isObject() || !root.path("name").isTextual() || !root.path("namespace").isTextual()) {
            throw ProblemException.badRequest("not a Flagger webhook payload: expected an object with string fields "
                    + "'name' and 'namespace' (and optionally 'phase', 'checksum', 'metadata')",
                    List.of(new Problem.FieldError(null, root != null && root.path("name").isTextual() ? "namespace" : "name",
                            "missing_field", "Flagger sends name and namespace")));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode m = root.get("metadata");
        if (m != null && !m.isNull()) {
            if (!m.isObject()) {
                throw ProblemException.badRequest("metadata must be an object of strings",
                        List.of(new Problem.FieldError(null, "metadata", "invalid_type", "must be an object of strings")));
            }
            m.fields().forEachRemaining(f -> {
                if (!f.getValue().isValueNode() || f.getValue().isNull()) {
                    throw ProblemException.badRequest("metadata." + f.getKey() + " must be a string",
                            List.of(new Problem.FieldError(null, "metadata." + f.getKey(), "invalid_type", "must be a string")));
                }
                metadata.put(f.getKey(), f.getValue().asText());
            });
        }
        try {
            return new FlaggerWebhook(root.get("name").asText(), root.get("namespace").asText(),
                    root.path("phase").isTextual() ? root.get("phase").asText() : null,
                    root.path("checksum").isTextual() ? root.get("checksum").asText() : null, metadata);
        } catch (IllegalArgumentException | NullPointerException e) {
            String msg = e.getMessage();
            String field = msg != null && msg.startsWith("unknown Flagger metadata key") ? "metadata" : null;
            throw ProblemException.badRequest(msg, List.of(new Problem.FieldError(null, field, "invalid_value", msg)));
        }
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).trim()).filter(s -> !s.isEmpty());
    }

    private ApiToken authorize(Optional<String> secret, String address) {
        if (secret.isEmpty()) {
            throw new ProblemException(Problem.of(401, "Unauthorized",
                    "a token with the gate role is required: set metadata.token in the Flagger webhook"));
        }
        Optional<ApiToken> token = tokens.authenticate(secret.get());
        if (token.isEmpty()) {
            boolean blocked = failures.failed(address); // counted like a bad header token (RequestGuard)
            LOG.warnf("authentication failed from %s on the Flagger webhook: unknown or revoked token%s", address,
                    blocked ? "; address blocked after too many failures" : "");
            throw new ProblemException(Problem.of(401, "Unauthorized", "the token is not valid or was revoked"));
        }
        if (!TokenService.effectiveRoles(token.get()).contains(Role.GATE)) {
            throw new ProblemException(Problem.of(403, "Forbidden", "this token's roles do not allow gate evaluations"));
        }
        return token.get();
    }
}
