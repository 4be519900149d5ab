package dev.vigil.predict.api;

import dev.vigil.security.AuditLog;
import dev.vigil.security.Caller;
import dev.vigil.security.ServiceScope;
import jakarta.inject.Provider;
import dev.vigil.predict.RiskLevel;
import dev.vigil.predict.service.PredictionInput;
import dev.vigil.predict.service.PredictionQuery;
import dev.vigil.predict.service.PredictionRecord;
import dev.vigil.predict.service.PredictionRepository;
import dev.vigil.predict.service.PredictionService;
import dev.vigil.predict.service.PredictionUnavailable;
import dev.vigil.predict.service.Predictor;
import dev.vigil.security.Role;
import dev.vigil.store.Page;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import dev.vigil.web.QueryParams;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Failure predictions of deploys, newest first; and a prediction on demand (for gates and pipelines). */
@Path("/api/v1/predictions")
@Blocking
public class PredictionResource {

    private final PredictionRepository predictions;
    private final PredictionService service;
    private final Clock clock;

    private final Provider<ServiceScope> callerScope;
    private final AuditLog audit;
    private final Provider<Caller> caller;

    public PredictionResource(PredictionRepository predictions, PredictionService service, Clock clock,
            Provider<ServiceScope> callerScope, AuditLog audit, Provider<Caller> caller) {
        this.audit = audit;
        this.caller = caller;
        this.callerScope = callerScope;
        this.predictions = predictions;
        this.service = service;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME})
    @Produces(MediaType.APPLICATION_JSON)
    public Page<PredictionRecord> list(@QueryParam("service") String service,
            @QueryParam("environment") String environment, @QueryParam("risk") String risk,
            @QueryParam("status") String status, @QueryParam("deployId") String deployId,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        callerScope.get().requireListing(service, environment);
        String r = QueryParams.optional(risk);
        if (r != null) {
            r = r.toUpperCase(Locale.ROOT);
            String upper = r;
            if (Arrays.stream(RiskLevel.values()).noneMatch(v -> v.name().equals(upper))) {
                throw ProblemException.badParameter("risk", "must be one of low, medium, high, got '" + risk + "'");
            }
        }
        String s = QueryParams.optional(status);
        if (s != null && !List.of(PredictionRecord.Status.OK.wire(), PredictionRecord.Status.UNAVAILABLE.wire()).contains(s)) {
            throw ProblemException.badParameter("status", "must be one of ok, unavailable, got '" + status + "'");
        }
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        QueryParams.range(start, end);
        return predictions.find(new PredictionQuery(QueryParams.optional(service), QueryParams.optional(environment),
                r, s, QueryParams.optional(deployId), start, end), QueryParams.page(limit, offset));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME})
    @Produces(MediaType.APPLICATION_JSON)
    public PredictionRecord get(@PathParam("id") String id) {
        ServiceScope scope = callerScope.get();
        return predictions.findById(id).filter(p -> scope.allows(p.service(), p.environment())).orElseThrow(() -> ProblemException.notFound("no prediction with id " + id));
    }

    /**
     * Predicts now and stores the prediction. 201 with it when made; 400 naming the fields when the request is
     * invalid; 422 naming the field at fault (repository or commit) when no prediction can be made, which is stored
     * as {@code unavailable} all the same (its id is in the problem's detail).
     */
    @POST
    @RolesAllowed(Role.GATE_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "predictNow", summary = "Predict a change's failure risk now, and store it")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PredictionRequest.class)))
    @APIResponse(responseCode = "201", description = "The prediction",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PredictionRecord.class)))
    @APIResponse(responseCode = "422", description = "No prediction could be made; errors[] names repository or commit")
    public Response predict(PredictionRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("a JSON body is required", List.of(
                    new Problem.FieldError(null, null, "missing_body", "send service, environment, commit, repository")));
        }
        List<Problem.FieldError> errors = request.problems();
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid prediction request", errors);
        }
        callerScope.get().require(request.service().trim(), request.environment().trim());
        PredictionRecord record = service.predictNow(new PredictionInput(null, PredictionRecord.Source.REQUEST,
                request.service().trim(), request.environment().trim(), request.version(), request.repository().trim(),
                request.previousCommit(), request.commit().trim(), clock.instant()));
        audit.record(caller.get(), "prediction.request", record.service(), record.environment(), "prediction "
                + record.id() + " commit " + request.commit().trim() + (record.ok() ? "" : " unavailable"));
        if (!record.ok()) {
            throw new ProblemException(Problem.of(422, "Prediction unavailable", "no prediction could be made (stored"
                    + " as prediction " + record.id() + "): " + record.reason()).withErrors(List.of(
                    new Problem.FieldError(null, fieldOf(record), Predictor.reasonCode(record), record.reason()))));
        }
        return Response.created(URI.create("/api/v1/predictions/" + record.id())).entity(record).build();
    }

    private static String fieldOf(PredictionRecord r) {
        return switch (Predictor.reasonCode(r)) {
            case PredictionUnavailable.COMMIT_MISSING -> "commit";
            case PredictionUnavailable.REPOSITORY_REFUSED, PredictionUnavailable.REPOSITORY_UNREACHABLE -> "repository";
            default -> null;
        };
    }
}
