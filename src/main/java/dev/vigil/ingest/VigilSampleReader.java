package dev.vigil.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.core.MetricSample;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a well-formed sample in Vigil's own JSON format straight off the record's bytes with Jackson's streaming
 * parser, without building a tree: a tree per record was most of the ingest path's cost after Kafka itself.
 *
 * <p>It only ever accepts: anything it does not recognise as a valid sample of the usual shape (another format, any
 * mistake, a repeated field, a number too large for a long, trailing content) makes it return null, and the record
 * then goes the tree path ({@link MetricParser#parse(com.fasterxml.jackson.databind.JsonNode)}), which decides and
 * words every rejection as before. What it accepts is what the tree path accepts, read into the same values.
 */
final class VigilSampleReader {

    private static final JsonFactory JSON = new JsonFactory();

    private VigilSampleReader() {
    }

    /** The sample, or null when the tree path must decide. */
    static MetricSample read(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            return object(p);
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }

    private static MetricSample object(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String service = null;
        String name = null;
        Map<String, String> labels = null;
        Instant timestamp = null;
        boolean hasValue = false;
        double value = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken token = p.nextToken();
            switch (field) {
                case "service" -> service = service == null ? name(p, token, NameSyntax.SERVICE) : null;
                case "name" -> name = name == null ? name(p, token, NameSyntax.METRIC) : null;
                case "labels" -> labels = labels == null ? labels(p, token) : null;
                case "timestamp" -> timestamp = timestamp == null ? timestamp(p, token) : null;
                case "value" -> {
                    if (hasValue || !token.isNumeric()) {
                        return null;
                    }
                    hasValue = true;
                    value = p.getDoubleValue();
                }
                default -> p.skipChildren();
            }
            if (service == null && field.equals("service") || name == null && field.equals("name")
                    || labels == null && field.equals("labels") || timestamp == null && field.equals("timestamp")) {
                return null; // invalid or repeated: the tree path words it (or takes the last of repeated fields)
            }
        }
        boolean complete = service != null && name != null && timestamp != null && hasValue && Double.isFinite(value);
        if (!complete || p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            return null;
        }
        return new MetricSample(service, name, labels == null ? Map.of() : labels, timestamp, value);
    }

    private static String name(JsonParser p, JsonToken token, NameSyntax syntax) throws IOException {
        String text = text(p, token);
        return text != null && syntax.matches(text) ? text : null;
    }

    /** As {@link JsonFields}' text: a string, trimmed, neither empty nor longer than its limit. */
    private static String text(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            return null;
        }
        String text = p.getText().trim();
        return text.isEmpty() || text.length() > JsonFields.MAX_TEXT ? null : text;
    }

    private static Map<String, String> labels(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (token != JsonToken.START_OBJECT) {
            return null;
        }
        TreeMap<String, String> labels = new TreeMap<>();
        String key;
        while ((key = p.nextFieldName()) != null) {
            String text = text(p, p.nextToken());
            if (text == null || !NameSyntax.LABEL.matches(key) || labels.put(key, text) != null) {
                return null;
            }
        }
        if (labels.size() > JsonFields.MAX_LABELS) {
            return null;
        }
        labels.remove("service");
        return labels;
    }

    private static Instant timestamp(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return Instant.ofEpochMilli(p.getLongValue());
        }
        return token == JsonToken.VALUE_STRING ? OffsetDateTime.parse(p.getText()).toInstant() : null;
    }
}
