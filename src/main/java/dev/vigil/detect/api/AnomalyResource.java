package dev.vigil.detect.api;

import dev.vigil.security.AuditLog;
import dev.vigil.security.Caller;
import dev.vigil.security.ServiceScope;
import jakarta.inject.Provider;
import dev.vigil.core.SeriesKey;
import dev.vigil.core.Severity;
import dev.vigil.detect.Feedback;
import dev.vigil.detect.anomaly.AnomalyFeedback;
import dev.vigil.detect.anomaly.AnomalyQuery;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.anomaly.ProbableCause;
import dev.vigil.detect.anomaly.ProbableCauses;
import dev.vigil.detect.service.AnomalyRepository;
import dev.vigil.detect.service.DetectionService;
import dev.vigil.security.Role;
import dev.vigil.store.Page;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import dev.vigil.web.QueryParams;
import io.quarkus.security.identity.SecurityIdentity;
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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Anomalies: list with filters, one by id, and feedback on one. Reading is for {@code viewer} and {@code gate};
 * feedback changes a detector's behaviour and what gates and retraining count, so it takes its own role,
 * {@code feedback} (or {@code admin}). A verdict counts once per anomaly; repeating it is recorded, not applied. An
 * anomaly attributed to a deploy shows it as {@code probableCause}.
 */
@Path("/api/v1/anomalies")
@Blocking
public class AnomalyResource {

    private static final Map<String, Feedback> VERDICTS = Map.of(
            "true_positive", Feedback.TRUE_POSITIVE,
            "false_positive", Feedback.FALSE_POSITIVE,
            "false_negative", Feedback.FALSE_NEGATIVE);

    private final AnomalyRepository anomalies;
    private final ProbableCauses causes;
    private final DetectionService detection;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final Provider<ServiceScope> callerScope;
    private final AuditLog audit;
    private final Provider<Caller> caller;

    public AnomalyResource(AnomalyRepository anomalies, ProbableCauses causes, DetectionService detection,
            SecurityIdentity identity, Clock clock, Provider<ServiceScope> callerScope, AuditLog audit,
            Provider<Caller> caller) {
        this.audit = audit;
        this.caller = caller;
        this.callerScope = callerScope;
        this.anomalies = anomalies;
        this.causes = causes;
        this.detection = detection;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME, Role.ADMIN_NAME})
    @Produces(MediaType.APPLICATION_JSON)
    public Page<AnomalyView> list(@QueryParam("service") String service, @QueryParam("metric") String metric,
            @QueryParam("severity") String severity, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("open") Boolean open, @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        callerScope.get().requireListing(service);
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        QueryParams.range(start, end);
        Severity level = severity(QueryParams.optional(severity));
        Page<AnomalyRecord> page = anomalies.find(new AnomalyQuery(QueryParams.optional(service),
                QueryParams.optional(metric), level, start, end, Boolean.TRUE.equals(open)), QueryParams.page(limit, offset));
        Map<String, ProbableCause> causes = this.causes.causesOf(page.items().stream().map(AnomalyRecord::id).toList());
        return new Page<>(page.items().stream().map(a -> AnomalyView.of(a, causes.get(a.id()))).toList(), page.total(),
                page.limit(), page.offset());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME, Role.ADMIN_NAME})
    @Produces(MediaType.APPLICATION_JSON)
    public AnomalyView get(@PathParam("id") String id) {
        return AnomalyView.of(find(id), causes.causesOf(List.of(id)).get(id));
    }

    @GET
    @Path("/{id}/feedback")
    @RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME, Role.ADMIN_NAME})
    @Produces(MediaType.APPLICATION_JSON)
    public List<AnomalyFeedback> feedback(@PathParam("id") String id) {
        find(id);
        return anomalies.feedback(id);
    }

    /** The body of a feedback request. */
    public record FeedbackRequest(String verdict, String comment) {
    }

    /** What was stored, and whether the series' detector took it into account. */
    public record FeedbackResponse(AnomalyFeedback feedback, boolean applied) {
    }

    @POST
    @Path("/{id}/feedback")
    @RolesAllowed({Role.FEEDBACK_NAME, Role.ADMIN_NAME})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addAnomalyFeedback", summary = "Give a verdict on an anomaly")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FeedbackRequest.class)))
    @APIResponse(responseCode = "201", description = "Stored; applied says whether the series' detector took it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedbackResponse.class)))
    public Response addFeedback(@PathParam("id") String id, FeedbackRequest request) {
        String verdict = request == null || request.verdict() == null ? null : request.verdict().trim().toLowerCase(Locale.ROOT);
        if (verdict == null || !VERDICTS.containsKey(verdict)) {
            throw ProblemException.badRequest("invalid feedback", List.of(new Problem.FieldError(null, "verdict",
                    verdict == null ? "missing_field" : "invalid_value",
                    "must be one of true_positive, false_positive, false_negative")));
        }
        String comment = request.comment();
        if (comment != null && comment.length() > 4096) {
            throw ProblemException.badRequest("invalid feedback", List.of(new Problem.FieldError(null, "comment",
                    "too_long", "must be at most 4096 characters, got " + comment.length())));
        }
        AnomalyRecord anomaly = find(id);
        Instant now = clock.instant();
        // A verdict counts once per anomaly: repeating it is recorded (audit) but retunes the detector no further.
        boolean repeated = anomalies.feedback(id).stream().anyMatch(f -> f.verdict().equals(verdict));
        AnomalyFeedback stored = anomalies.addFeedback(id, verdict, comment, identity.getPrincipal().getName(), now);
        boolean applied = !repeated && detection.feedback(
                SeriesKey.of(anomaly.service(), anomaly.metric(), anomaly.labels()), VERDICTS.get(verdict), now);
        audit.record(caller.get(), "anomaly.feedback", anomaly.service(), null, "anomaly " + id + " " + verdict
                + (applied ? " applied" : " recorded"));
        return Response.status(Response.Status.CREATED).entity(new FeedbackResponse(stored, applied)).build();
    }

    private AnomalyRecord find(String id) {
        ServiceScope scope = callerScope.get();
        return anomalies.findById(id).filter(a -> scope.allows(a.service(), null)).orElseThrow(() -> ProblemException.notFound("no anomaly with id '" + id + "'"));
    }

    /** The severity of its wire name; null for none; a 400 naming the parameter for an unknown word. */
    private static Severity severity(String word) {
        if (word == null) {
            return null;
        }
        return Severity.fromWire(word).orElseThrow(() -> ProblemException.badParameter("severity",
                "must be one of info, warning, critical, got '" + word + "'"));
    }
}
