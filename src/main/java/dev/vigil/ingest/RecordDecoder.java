package dev.vigil.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.validation.JsonSyntax;
import java.io.IOException;
import java.util.function.Function;

/** Raw bytes to a parsed value, with the size and JSON checks every record gets before its format's own. */
public final class RecordDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxRecordBytes;

    public RecordDecoder(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    public <T> Parsed<T> decode(byte[] payload, Function<JsonNode, Parsed<T>> parser) {
        return decode(payload, bytes -> null, parser);
    }

    /**
     * As {@link #decode(byte[], Function)}, trying {@code direct} on the bytes first: it returns the outcome when it
     * can tell (a streaming read, without a tree), or null to leave the record to {@code parser} on its tree.
     */
    public <T> Parsed<T> decode(byte[] payload, Function<byte[], Parsed<T>> direct, Function<JsonNode, Parsed<T>> parser) {
        if (payload == null || payload.length == 0) {
            return Parsed.rejected(new Rejection(Rejection.NOT_JSON, null, "the record is empty"));
        }
        if (payload.length > maxRecordBytes) {
            return Parsed.rejected(new Rejection(Rejection.PAYLOAD_TOO_LARGE, null,
                    "the record has " + payload.length + " bytes, more than the limit of " + maxRecordBytes));
        }
        Parsed<T> read = direct.apply(payload);
        if (read != null) {
            return read;
        }
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return Parsed.rejected(new Rejection(Rejection.NOT_JSON, JsonSyntax.field(e), "not valid JSON " + JsonSyntax.describe(e)));
        } catch (IOException e) {
            return Parsed.rejected(new Rejection(Rejection.NOT_JSON, null, "not readable: " + e.getMessage()));
        }
        return parser.apply(node);
    }
}
