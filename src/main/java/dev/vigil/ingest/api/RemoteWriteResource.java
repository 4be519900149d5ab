package dev.vigil.ingest.api;

import dev.vigil.ingest.RemoteWriteDecoder;
import dev.vigil.ingest.service.ConvertedIngest;
import dev.vigil.ingest.service.IngestConfig;
import dev.vigil.ingest.service.KafkaForwarder;
import dev.vigil.security.Role;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * Prometheus remote_write 1.0 ({@code POST /api/v1/write}): a snappy-compressed {@code WriteRequest}. Valid
 * samples are kept and invalid ones dead-lettered with their reason; the answer is 204 then, since a 4xx would
 * make Prometheus drop the valid samples with the invalid. Remote write 2.0 ({@code io.prometheus.write.v2.Request})
 * is refused with 415, which tells a 2.0 sender to fall back to 1.0.
 */
@Path("/api/v1/write")
@RolesAllowed(Role.INGEST_NAME)
@Blocking
public class RemoteWriteResource {

    static final String VERSION_HEADER = "X-Prometheus-Remote-Write-Version";

    private final ConvertedIngest ingest;
    private final RemoteWriteDecoder decoder;

    public RemoteWriteResource(ConvertedIngest ingest, IngestConfig config) {
        this.ingest = ingest;
        this.decoder = new RemoteWriteDecoder(config.maxDecodedBytes());
    }

    @POST
    @Operation(operationId = "remoteWrite", summary = "Prometheus remote_write 1.0 (snappy-compressed protobuf)")
    @RequestBody(required = true, content = @Content(mediaType = "application/x-protobuf",
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "204", description = "Taken (invalid samples are dropped and counted, not refused)")
    @APIResponse(responseCode = "415", description = "Not remote_write 1.0: wrong Content-Type, Content-Encoding or version 2.0")
    @APIResponse(responseCode = "503", description = "Kafka did not take the samples; Prometheus retries")
    public Response write(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
            @HeaderParam(VERSION_HEADER) String version, byte[] body) {
        checkHeaders(contentType, contentEncoding, version);
        try {
            ingest.ingest("remote_write", decoder.decode(body == null ? new byte[0] : body));
        } catch (RemoteWriteDecoder.DecodeException e) {
            throw ForeignBodies.badBody(e.rejection());
        } catch (KafkaForwarder.ForwardException e) {
            throw ForeignBodies.unavailable(e.getMessage());
        }
        return Response.noContent().build();
    }

    private static void checkHeaders(String contentType, String contentEncoding, String version) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("io.prometheus.write.v2") || (version != null && version.trim().startsWith("2"))) {
            throw ForeignBodies.unsupported(HttpHeaders.CONTENT_TYPE, "remote_write 2.0 is not supported yet; send 1.0 "
                    + "(protobuf_message: prometheus.WriteRequest, the default)");
        }
        if (!ForeignBodies.mediaType(contentType).equals("application/x-protobuf")) {
            throw ForeignBodies.unsupported(HttpHeaders.CONTENT_TYPE, "remote_write bodies are application/x-protobuf, got '"
                    + (contentType == null ? "" : contentType) + "'");
        }
        if (contentEncoding == null || !contentEncoding.trim().equalsIgnoreCase("snappy")) {
            throw ForeignBodies.unsupported(HttpHeaders.CONTENT_ENCODING, "remote_write bodies are snappy-compressed "
                    + "(Content-Encoding: snappy), got '" + (contentEncoding == null ? "" : contentEncoding) + "'");
        }
    }
}
