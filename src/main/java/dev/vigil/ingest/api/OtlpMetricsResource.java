package dev.vigil.ingest.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.vigil.ingest.OtlpMetricsConverter;
import dev.vigil.ingest.Rejection;
import dev.vigil.ingest.service.ConvertedIngest;
import dev.vigil.ingest.service.IngestConfig;
import dev.vigil.ingest.service.KafkaForwarder;
import dev.vigil.security.Role;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * OTLP/HTTP metrics ({@code POST /v1/metrics}), binary protobuf or JSON, optionally gzip-compressed as the
 * OpenTelemetry Collector sends by default. Valid points are kept and invalid ones dead-lettered; the answer is
 * the OTLP {@code ExportMetricsServiceResponse}, in the request's encoding, with {@code partial_success} counting
 * the refused data points and naming the first of them.
 */
@Path("/v1/metrics")
@RolesAllowed(Role.INGEST_NAME)
@Blocking
public class OtlpMetricsResource {

    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";
    private static final int NAMED_IN_MESSAGE = 5;

    private final ConvertedIngest ingest;
    private final OtlpMetricsConverter converter;
    private final int maxDecodedBytes;

    public OtlpMetricsResource(ConvertedIngest ingest, IngestConfig config) {
        this.ingest = ingest;
        this.converter = new OtlpMetricsConverter(config.otlpResourceAttributes());
        this.maxDecodedBytes = config.maxDecodedBytes();
    }

    @POST
    @Operation(operationId = "otlpExportMetrics", summary = "OTLP/HTTP metrics export (protobuf or JSON)")
    @RequestBody(required = true, content = {
            @Content(mediaType = PROTOBUF, schema = @Schema(type = SchemaType.STRING, format = "binary",
                    description = "ExportMetricsServiceRequest")),
            @Content(mediaType = JSON, schema = @Schema(type = SchemaType.OBJECT, additionalProperties = Object.class,
                    description = "ExportMetricsServiceRequest in OTLP's JSON encoding"))})
    @APIResponse(responseCode = "200", description = "ExportMetricsServiceResponse (partialSuccess names refused points)",
            content = {
                    @Content(mediaType = PROTOBUF, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = JSON, schema = @Schema(type = SchemaType.OBJECT, additionalProperties = Object.class))})
    @APIResponse(responseCode = "415", description = "Not application/x-protobuf or application/json, or an unknown Content-Encoding")
    @APIResponse(responseCode = "503", description = "Kafka did not take the points; the exporter retries")
    public Response export(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding, byte[] body) {
        String type = ForeignBodies.mediaType(contentType);
        if (!type.equals(PROTOBUF) && !type.equals(JSON)) {
            throw ForeignBodies.unsupported(HttpHeaders.CONTENT_TYPE, "OTLP/HTTP bodies are " + PROTOBUF + " or " + JSON
                    + ", got '" + (contentType == null ? "" : contentType) + "'");
        }
        ExportMetricsServiceRequest request = parse(type, decode(contentEncoding, body == null ? new byte[0] : body));
        ConvertedIngest.Outcome outcome;
        try {
            outcome = ingest.ingest("otlp", converter.convert(request));
        } catch (KafkaForwarder.ForwardException e) {
            throw ForeignBodies.unavailable(e.getMessage());
        }
        return Response.ok(encode(type, answer(outcome)), type).build();
    }

    private byte[] decode(String contentEncoding, byte[] body) {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "", "identity" -> body;
            case "gzip" -> ForeignBodies.gunzip(body, maxDecodedBytes);
            default -> throw ForeignBodies.unsupported(HttpHeaders.CONTENT_ENCODING,
                    "OTLP bodies may be gzip-compressed or not compressed, got Content-Encoding '" + contentEncoding + "'");
        };
    }

    private static ExportMetricsServiceRequest parse(String type, byte[] body) {
        try {
            if (type.equals(PROTOBUF)) {
                return ExportMetricsServiceRequest.parseFrom(body);
            }
            ExportMetricsServiceRequest.Builder builder = ExportMetricsServiceRequest.newBuilder();
            JsonFormat.parser().ignoringUnknownFields().merge(new String(body, StandardCharsets.UTF_8), builder);
            return builder.build();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw ForeignBodies.badBody(new Rejection(Rejection.UNKNOWN_FORMAT, "body",
                    "the body is not an OTLP ExportMetricsServiceRequest in " + type + ": " + e.getMessage()));
        }
    }

    static ExportMetricsServiceResponse answer(ConvertedIngest.Outcome outcome) {
        ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
        List<Rejection> rejected = outcome.rejected();
        if (rejected.isEmpty()) {
            return response.build();
        }
        String named = rejected.stream().limit(NAMED_IN_MESSAGE).map(Rejection::describe).collect(Collectors.joining("; "));
        return response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                .setRejectedDataPoints(outcome.refusedPoints())
                .setErrorMessage(outcome.refusedPoints() + " data points refused and dead-lettered: " + named
                        + (rejected.size() > NAMED_IN_MESSAGE ? "; ..." : "")))
                .build();
    }

    private static byte[] encode(String type, ExportMetricsServiceResponse response) {
        if (type.equals(PROTOBUF)) {
            return response.toByteArray();
        }
        try {
            return JsonFormat.printer().print(response).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an OTLP response always prints as JSON", e);
        }
    }
}
