package dev.vigil.gate.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The CLI script, {@code pipeline-plugins/cli/vigil-gate}, as built into this Vigil (classpath
 * {@code vigil/cli/vigil-gate}, a link to the repository file), so a pipeline runs the CLI matching its server.
 */
@Path("/cli/vigil-gate")
@PermitAll
public class CliResource {

    static final String RESOURCE = "vigil/cli/vigil-gate";
    private final byte[] script = load();

    @GET
    @Produces("text/x-shellscript")
    @Operation(operationId = "downloadGateCli", summary = "The vigil-gate command-line client")
    @APIResponse(responseCode = "200", description = "The script",
            content = @Content(mediaType = "text/x-shellscript", schema = @Schema(implementation = String.class)))
    public Response script() {
        return Response.ok(script).header("Content-Disposition", "attachment; filename=\"vigil-gate\"").build();
    }

    private static byte[] load() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        try (InputStream in = cl.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the CLI script is missing from the application (" + RESOURCE + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
