package dev.vigil.gate.api;

import dev.vigil.security.AuditLog;
import dev.vigil.security.Caller;
import dev.vigil.security.ServiceScope;
import jakarta.inject.Provider;
import dev.vigil.core.ChangeSummary;
import dev.vigil.gate.Evidence;
import dev.vigil.gate.GateDecisionText;
import dev.vigil.gate.GateEvaluation;
import dev.vigil.gate.GateRejectedException;
import dev.vigil.gate.GateRequest;
import dev.vigil.gate.policy.PolicySelectionException;
import dev.vigil.gate.service.DecisionLinks;
import dev.vigil.gate.service.EvaluationView;
import dev.vigil.gate.service.GateConfig;
import dev.vigil.gate.service.GateService;
import dev.vigil.security.Role;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The gate API: evaluate a release, poll a PENDING evaluation (docs/gates.md, "API"). */
@Path("/api/v1/gates")
@Blocking
@Tag(name = "Gates")
public class GateResource {

    private static final Logger LOG = Logger.getLogger(GateResource.class);

    private final GateService gates;
    private final GateConfig config;

    private final Provider<ServiceScope> callerScope;

    private final AuditLog audit;
    private final Provider<Caller> caller;
    private final DecisionLinks links;

    public GateResource(GateService gates, GateConfig config, Provider<ServiceScope> callerScope, AuditLog audit,
            Provider<Caller> caller, DecisionLinks links) {
        this.links = links;
        this.audit = audit;
        this.caller = caller;
        this.callerScope = callerScope;
        this.gates = gates;
        this.config = config;
    }

    @POST
    @Path("/evaluate")
    @RolesAllowed(Role.GATE_NAME)
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(operationId = "evaluateGate", summary = "Ask for a release decision",
            description = "200 with the decision, or 202 while it waits for canary data (poll the Location); "
                    + "Accept: text/plain for the CLI's text format (docs/gates.md)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GateRequest.class)))
    @APIResponse(responseCode = "200", description = "Decided", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EvaluationView.class)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class))})
    @APIResponse(responseCode = "202", description = "PENDING: waiting for canary data; poll the Location",
            headers = @Header(name = "Location", description = "The evaluation to poll", schema = @Schema(implementation = String.class)),
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EvaluationView.class)),
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class))})
    @APIResponse(responseCode = "409", description = "The requestId was used before with a different request")
    @APIResponse(responseCode = "422", description = "No policy can judge this request (none matches, or it names "
            + "canary metrics the policy does not have)")
    public Response evaluate(String body, HttpHeaders headers, @Context HttpServerRequest http) {
        GateRequest request = GateRequestReader.read(body);
        callerScope.get().require(request.service(), request.environment());
        String base = baseUrl(config, http);
        Caller who = caller.get();
        GateService.Submitted submitted = domain(() -> gates.submit(request, base, who.tokenName()));
        GateEvaluation e = submitted.evaluation();
        audit.record(who, "gate.evaluate", request.service(), request.environment(), "evaluation " + e.id()
                + " version " + request.version() + " " + e.status() + (e.decision() == null ? "" : " " + e.verdict())
                + (e.override() == null ? "" : " (overridden)"));
        Response.ResponseBuilder r = e.status() == GateEvaluation.Status.PENDING
                ? Response.accepted().location(URI.create("/api/v1/gates/evaluations/" + e.id()))
                : Response.ok();
        return render(r, e, submitted.known(), links.pageUrl(base, e.id()), headers);
    }

    @GET
    @Path("/evaluations/{id}")
    @RolesAllowed({Role.GATE_NAME, Role.VIEWER_NAME})
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(operationId = "getGateEvaluation", summary = "Poll an evaluation")
    @APIResponse(responseCode = "200", description = "The evaluation, PENDING or DONE", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EvaluationView.class)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class))})
    public Response evaluation(@PathParam("id") String id, HttpHeaders headers, @Context HttpServerRequest http) {
        ServiceScope scope = callerScope.get();
        GateEvaluation e = gates.find(id)
                .filter(found -> scope.allows(found.request().service(), found.request().environment())).orElseThrow(() -> ProblemException.notFound("no gate evaluation with id " + id));
        return render(Response.ok(), e, gates.known(e.request()), links.pageUrl(baseUrl(config, http), e.id()), headers);
    }

    /**
     * @param known   the release's known prediction, shared with the risk stage of this answer's evaluation
     * @param pageUrl the signed link to the decision page (a fresh one with every answer)
     */
    private Response render(Response.ResponseBuilder r, GateEvaluation e, Evidence.KnownOnce known, String pageUrl,
                            HttpHeaders headers) {
        ChangeSummary change = change(e, known);
        return wantsText(headers)
                ? r.type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).entity(GateDecisionText.format(e, pageUrl, change)).build()
                : r.type(MediaType.APPLICATION_JSON_TYPE).entity(EvaluationView.of(e, pageUrl, change)).build();
    }

    /**
     * The release's change in plain words once decided, or null. Shown beside the decision, not part of it: a store
     * that cannot answer costs the summary, never the answer.
     */
    private static ChangeSummary change(GateEvaluation e, Evidence.KnownOnce known) {
        if (e.decision() == null) {
            return null;
        }
        ChangeSummary change = known.get().change().orElse(null);
        if (known.failure() != null) {
            LOG.warnf("evaluation %s: could not read the prediction of %s %s: %s", e.id(), e.request().service(),
                    e.request().version(), known.failure().toString());
        }
        return change;
    }

    /** text/plain when the client prefers it to JSON (Accept order and quality); JSON otherwise. */
    static boolean wantsText(HttpHeaders headers) {
        for (MediaType m : headers.getAcceptableMediaTypes()) {
            if (m.getType().equals("text") && m.getSubtype().equals("plain")) {
                return true;
            }
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    /**
     * The base of the decision links stored with every evaluation: {@code vigil.gate.public-url}, or else the
     * address this server was reached on (its own socket, never the request's {@code Host} header, which the
     * client writes: a stored link must not point wherever a caller chose).
     */
    static String baseUrl(GateConfig config, HttpServerRequest http) {
        String base = config.publicUrl().orElseGet(() -> {
            SocketAddress local = http.localAddress();
            String host = local.hostAddress().contains(":") ? "[" + local.hostAddress() + "]" : local.hostAddress();
            return (http.isSSL() ? "https" : "http") + "://" + host + ":" + local.port();
        });
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Maps the gate's refusals to problems: 409 for a reused request id, 422 for a request no policy can judge. */
    static <T> T domain(Supplier<T> call) {
        try {
            return call.get();
        } catch (GateService.RequestConflict e) {
            throw new ProblemException(Problem.of(409, "Conflict", e.getMessage()));
        } catch (PolicySelectionException | GateRejectedException e) {
            throw new ProblemException(Problem.of(422, "Unprocessable request", e.getMessage()));
        }
    }
}
