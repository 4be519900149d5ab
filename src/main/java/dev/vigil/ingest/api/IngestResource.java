package dev.vigil.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.DeployEvent;
import dev.vigil.ingest.DeployParser;
import dev.vigil.ingest.MetricParser;
import dev.vigil.ingest.Parsed;
import dev.vigil.ingest.Rejection;
import dev.vigil.ingest.service.IngestConfig;
import dev.vigil.ingest.service.IngestMetrics;
import dev.vigil.ingest.service.KafkaForwarder;
import dev.vigil.security.Role;
import dev.vigil.validation.JsonSyntax;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import dev.vigil.security.AuditLog;
import dev.vigil.security.Caller;
import dev.vigil.security.ServiceScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Batches over HTTP. A batch is all or nothing: if any item is invalid the answer is 400 naming every bad
 * item and none is kept, so a client can fix and resend the whole batch without creating duplicates.
 */
@Path("/api/v1/ingest")
@RolesAllowed(Role.INGEST_NAME)
@Blocking
@Tag(name = "Ingest")
public class IngestResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaForwarder forwarder;
    private final IngestMetrics metrics;
    private final MetricParser metricParser;
    private final DeployParser deployParser;
    private final IngestConfig limits;
    private final Provider<ServiceScope> callerScope;
    private final AuditLog audit;
    private final Provider<Caller> caller;

    public IngestResource(KafkaForwarder forwarder, IngestMetrics metrics, IngestConfig config,
                          MetricParser metricParser, DeployParser deployParser, Provider<ServiceScope> callerScope,
                          AuditLog audit, Provider<Caller> caller) {
        this.audit = audit;
        this.caller = caller;
        this.callerScope = callerScope;
        this.forwarder = forwarder;
        this.metrics = metrics;
        this.metricParser = metricParser;
        this.deployParser = deployParser;
        this.limits = config;
    }

    /** What an item is about, for the caller's scope (samples carry an environment only as a label). */
    private record Subject(String service, String environment) {
    }

    /** A valid batch: what is forwarded, and what it was parsed into. */
    private record Batch<T>(List<KafkaForwarder.Item> items, List<T> values) {
    }

    /** Accepted items. */
    @Schema(name = "Accepted", description = "How many items of the batch are on their way (on Kafka already)")
    public record Accepted(int accepted) {
    }

    @POST
    @Path("/metrics")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ingestMetrics", summary = "Send a batch of samples (all or nothing)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = IngestItems.MetricItem.class)))
    @APIResponse(responseCode = "202", description = "Every item is valid and on Kafka",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not take the batch; nothing of it was kept")
    public Response metrics(byte[] body) {
        List<KafkaForwarder.Item> items = validate("metric", body, metricParser::parse, s -> s.seriesKey().canonical(),
                s -> new Subject(s.service(), s.labels().get("environment"))).items();
        try {
            forwarder.forwardMetrics(items);
        } catch (KafkaForwarder.ForwardException e) {
            throw unavailable(e);
        }
        return Response.accepted(new Accepted(items.size())).build();
    }

    @POST
    @Path("/deploys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ingestDeploys", summary = "Send a batch of deploy events (all or nothing)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = IngestItems.DeployItem.class)))
    @APIResponse(responseCode = "202", description = "Every item is valid and on Kafka",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not take the batch; nothing of it was kept")
    public Response deploys(byte[] body) {
        Batch<DeployEvent> batch = validate("deploy", body, deployParser::parse, DeployEvent::service,
                d -> new Subject(d.service(), d.environment()));
        List<KafkaForwarder.Item> items = batch.items();
        try {
            forwarder.forwardDeploys(items);
        } catch (KafkaForwarder.ForwardException e) {
            throw unavailable(e);
        }
        audit.recordAll(caller.get(), batch.values().stream().map(d -> new AuditLog.Entry("deploy.ingest", d.service(),
                d.environment(), "version " + d.version() + " " + d.status().wireName())).toList());
        return Response.accepted(new Accepted(items.size())).build();
    }

    private <T> Batch<T> validate(String kind, byte[] body, Function<JsonNode, Parsed<T>> parser,
            Function<T, String> keyOf, Function<T, Subject> subjectOf) {
        ServiceScope scope = callerScope.get();
        List<Problem.FieldError> outOfScope = new ArrayList<>();
        JsonNode batch = readBatch(body);
        List<KafkaForwarder.Item> items = new ArrayList<>(batch.size());
        List<T> values = new ArrayList<>(batch.size());
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            JsonNode node = batch.get(i);
            byte[] json = bytes(node);
            Parsed<T> parsed = json.length > limits.maxRecordBytes()
                    ? Parsed.rejected(new Rejection(Rejection.PAYLOAD_TOO_LARGE, null,
                            "the item has " + json.length + " bytes, more than the limit of " + limits.maxRecordBytes()))
                    : parser.apply(node);
            Subject subject = parsed.isOk() ? subjectOf.apply(parsed.value()) : null;
            if (subject != null && !scope.allows(subject.service(), subject.environment())) {
                outOfScope.add(new Problem.FieldError(i, "service", "out_of_scope", "this token may not send data of service '"
                        + subject.service() + "'" + (subject.environment() == null ? "" : " in environment '" + subject.environment() + "'")));
            } else if (parsed.isOk()) {
                items.add(new KafkaForwarder.Item(keyOf.apply(parsed.value()), json));
                values.add(parsed.value());
            } else {
                Rejection r = parsed.rejection();
                metrics.rejected(kind, "http", r.reason());
                errors.add(new Problem.FieldError(i, r.field(), r.reason(), r.message()));
            }
        }
        if (!outOfScope.isEmpty()) {
            throw new ProblemException(Problem.of(403, "Forbidden", outOfScope.size() + " of " + batch.size()
                    + " items belong to services outside this token's scope; nothing in this batch was kept")
                    .withErrors(outOfScope));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() + " of " + batch.size()
                    + " items are invalid; nothing in this batch was kept", errors);
        }
        return new Batch<>(items, values);
    }

    private JsonNode readBatch(byte[] body) {
        JsonNode batch;
        try {
            batch = JSON.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? JsonSyntax.describe(j) : ": " + e.getMessage();
            throw ProblemException.badRequest("the body is not valid JSON " + why, List.of());
        }
        if (batch == null || !batch.isArray()) {
            throw ProblemException.badRequest("the body must be a JSON array of items",
                    List.of(new Problem.FieldError(null, null, Rejection.UNKNOWN_FORMAT, "expected a JSON array")));
        }
        if (batch.size() > limits.maxBatchItems()) {
            throw ProblemException.badRequest("a batch may hold at most " + limits.maxBatchItems() + " items, got " + batch.size(),
                    List.of());
        }
        return batch;
    }

    private static ProblemException unavailable(KafkaForwarder.ForwardException e) {
        return new ProblemException(Problem.of(503, "Service unavailable", e.getMessage() + "; nothing in this batch was kept"));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON node always serialises", e);
        }
    }

}
