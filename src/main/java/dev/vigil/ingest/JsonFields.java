package dev.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads typed fields out of a JSON object, turning every problem into a {@link FieldException} that names the field. */
final class JsonFields {

    static final int MAX_TEXT = 256;
    static final int MAX_LABELS = 32;

    private JsonFields() {
    }

    static final class FieldException extends Exception {
        final transient Rejection rejection;

        FieldException(Rejection rejection) {
            super(rejection.message(), null, false, false);
            this.rejection = rejection;
        }
    }

    static String requiredText(JsonNode node, String field, String path) throws FieldException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new FieldException(Rejection.missing(path));
        }
        return text(value, path);
    }

    static String optionalText(JsonNode node, String field, String path) throws FieldException {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : text(value, path);
    }

    private static String text(JsonNode value, String path) throws FieldException {
        return text(value, path, null);
    }

    /** {@code child}, when given, is appended to {@code path} in an error (built only then: labels are per sample). */
    private static String text(JsonNode value, String path, String child) throws FieldException {
        if (!value.isTextual()) {
            throw new FieldException(Rejection.invalid(join(path, child), "must be a string, got "
                    + value.getNodeType().name().toLowerCase()));
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            throw new FieldException(Rejection.invalid(join(path, child), "must not be empty"));
        }
        if (text.length() > MAX_TEXT) {
            throw new FieldException(Rejection.invalid(join(path, child), "must be at most " + MAX_TEXT + " characters"));
        }
        return text;
    }

    private static String join(String path, String child) {
        return child == null ? path : path + "." + child;
    }

    static String matching(String text, NameSyntax syntax, String path, String rule) throws FieldException {
        if (!syntax.matches(text)) {
            throw new FieldException(Rejection.invalid(path, rule + ", got '" + text + "'"));
        }
        return text;
    }

    /** An RFC 3339 timestamp string, or an integer number of milliseconds since the epoch. */
    static Instant timestamp(JsonNode node, String field, String path) throws FieldException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new FieldException(Rejection.missing(path));
        }
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        if (value.isTextual()) {
            try {
                return OffsetDateTime.parse(value.asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new FieldException(Rejection.invalid(path, "must be an RFC 3339 timestamp or epoch milliseconds, got '" + value.asText() + "'"));
            }
        }
        throw new FieldException(Rejection.invalid(path, "must be an RFC 3339 timestamp or epoch milliseconds"));
    }

    static Instant optionalTimestamp(JsonNode node, String field, String path) throws FieldException {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : timestamp(node, field, path);
    }

    static Map<String, String> labels(JsonNode node, String field, String path) throws FieldException {
        JsonNode value = node.get(field);
        Map<String, String> labels = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return labels;
        }
        if (!value.isObject()) {
            throw new FieldException(Rejection.invalid(path, "must be an object of string values"));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!NameSyntax.LABEL.matches(e.getKey())) {
                throw new FieldException(Rejection.invalid(path + "." + e.getKey(), "is not a valid label name ("
                        + NameSyntax.LABEL + ")"));
            }
            labels.put(e.getKey(), text(e.getValue(), path, e.getKey()));
        }
        if (labels.size() > MAX_LABELS) {
            throw new FieldException(Rejection.invalid(path, "must have at most " + MAX_LABELS + " labels, got " + labels.size()));
        }
        return labels;
    }
}
