package dev.vigil.ingest.api;

import dev.vigil.ingest.Rejection;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Header and body checks shared by the OTLP and remote_write endpoints; each failure is a problem naming its field. */
final class ForeignBodies {

    private ForeignBodies() {
    }

    /** The media type without parameters, lower case; empty when absent. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    static ProblemException unsupported(String header, String detail) {
        return new ProblemException(Problem.of(415, "Unsupported Media Type", detail)
                .withErrors(List.of(new Problem.FieldError(null, header, Rejection.UNKNOWN_FORMAT, detail))));
    }

    static ProblemException badBody(Rejection rejection) {
        int status = Rejection.PAYLOAD_TOO_LARGE.equals(rejection.reason()) ? 413 : 400;
        String field = rejection.field() == null ? "body" : rejection.field();
        return new ProblemException(Problem.of(status, status == 413 ? "Payload Too Large" : "Bad Request", rejection.message())
                .withErrors(List.of(new Problem.FieldError(null, field, rejection.reason(), rejection.message()))));
    }

    static ProblemException unavailable(String why) {
        return new ProblemException(Problem.of(503, "Service unavailable", why + "; retry the request"));
    }

    /** Gunzips, stopping with 413 as soon as more than {@code limit} bytes come out (a small bomb stays small). */
    static byte[] gunzip(byte[] body, int limit) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, body.length * 4 + 64));
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + n > limit) {
                    throw badBody(new Rejection(Rejection.PAYLOAD_TOO_LARGE, "body",
                            "the body uncompresses to more than the limit of " + limit + " bytes"));
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw badBody(new Rejection(Rejection.UNKNOWN_FORMAT, "Content-Encoding", "the body is not valid gzip: " + e.getMessage()));
        }
    }
}
