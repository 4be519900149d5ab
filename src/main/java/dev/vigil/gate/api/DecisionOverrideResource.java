package dev.vigil.gate.api;

import dev.vigil.gate.GateEvaluation;
import dev.vigil.gate.GateOverride;
import dev.vigil.gate.Verdict;
import dev.vigil.gate.service.DecisionPublisher;
import dev.vigil.gate.service.EvaluationView;
import dev.vigil.gate.service.GateService;
import dev.vigil.security.AuditLog;
import dev.vigil.security.Caller;
import dev.vigil.security.Role;
import dev.vigil.security.ServiceScope;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * An admin lets through a release the gate did not pass, with a reason: stored with the decision, audited
 * ({@code gate.override}), published on the decision topic, shown in the decision; the gate asked again for the
 * same release answers with it (docs/gates.md, "Overrides").
 */
@Path("/api/v1/decisions/{id}/override")
@RolesAllowed(Role.ADMIN_NAME)
@Blocking
public class DecisionOverrideResource {

    private final GateService gates;
    private final DecisionPublisher publisher;
    private final AuditLog audit;
    private final Provider<Caller> caller;
    private final Provider<ServiceScope> callerScope;

    public DecisionOverrideResource(GateService gates, DecisionPublisher publisher, AuditLog audit,
                                    Provider<Caller> caller, Provider<ServiceScope> callerScope) {
        this.gates = gates;
        this.publisher = publisher;
        this.audit = audit;
        this.caller = caller;
        this.callerScope = callerScope;
    }

    /**
     * @param reason  why the release may go on: 1-500 characters on one line (required)
     * @param verdict the verdict that stands: PASS (default) or WARN
     */
    public record OverrideRequest(String reason, String verdict) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Override a FAIL or INCONCLUSIVE gate decision, once, with a reason")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OverrideRequest.class)))
    @APIResponse(responseCode = "200", description = "the overridden decision: verdict is the override's, "
            + "override.judged the gate's own",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EvaluationView.class)))
    @APIResponse(responseCode = "400", description = "reason missing, too long or not one line; verdict not PASS or WARN",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid token")
    @APIResponse(responseCode = "403", description = "not an admin token, or the decision is outside the token's scope")
    @APIResponse(responseCode = "404", description = "no decision with this id",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "PENDING, not FAIL or INCONCLUSIVE, or already overridden",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public EvaluationView override(@PathParam("id") String id, OverrideRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("a body {\"reason\"} is required", List.of(new Problem.FieldError(null,
                    "reason", "missing_field", "say why the release may go on")));
        }
        Verdict verdict = verdict(body.verdict());
        try {
            GateOverride.requireReason(body.reason());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage(), List.of(new Problem.FieldError(null, "reason",
                    "invalid_field", e.getMessage())));
        }
        ServiceScope scope = callerScope.get();
        gates.find(id).filter(e -> scope.allows(e.request().service(), e.request().environment()))
                .orElseThrow(() -> ProblemException.notFound("no decision with id " + id));
        Caller who = caller.get();
        GateEvaluation overridden;
        try {
            overridden = gates.override(id, verdict, body.reason().strip(), who.tokenName())
                    .orElseThrow(() -> ProblemException.notFound("no decision with id " + id));
        } catch (GateService.OverrideRefused e) {
            throw new ProblemException(Problem.of(409, "Conflict", e.getMessage()));
        }
        audit.record(who, "gate.override", overridden.request().service(), overridden.request().environment(),
                "evaluation " + id + " version " + overridden.request().version() + " "
                        + overridden.override().judged() + " -> " + overridden.override().verdict() + ": "
                        + overridden.override().reason());
        publisher.overridden(overridden);
        return EvaluationView.of(overridden);
    }

    private static Verdict verdict(String text) {
        if (text == null || text.isBlank()) {
            return Verdict.PASS;
        }
        String v = text.trim().toUpperCase(Locale.ROOT);
        if (!v.equals("PASS") && !v.equals("WARN")) {
            throw ProblemException.badRequest("verdict must be PASS or WARN", List.of(new Problem.FieldError(null,
                    "verdict", "invalid_field", "an override answers PASS (default) or WARN")));
        }
        return Verdict.valueOf(v);
    }
}
