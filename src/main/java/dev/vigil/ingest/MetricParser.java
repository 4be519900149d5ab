package dev.vigil.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.MetricSample;
import dev.vigil.ingest.JsonFields.FieldException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one JSON metric record into a {@link MetricSample}. Two formats are accepted, told apart by the
 * presence of a {@code service} field:
 *
 * <ul>
 *   <li>Vigil's own: {@code {"service","name","labels"?,"timestamp","value"}}, value a JSON number;</li>
 *   <li>prometheus-kafka-adapter's: {@code {"timestamp","value","name","labels"}}, value a string such as
 *       {@code "0.25"}; the service is the first of the configured service labels present.</li>
 * </ul>
 * The timestamp must be inside the {@link TimeWindow}.
 */
public final class MetricParser {

    private final List<String> serviceLabels;
    private final TimeWindow window;

    public MetricParser(List<String> serviceLabels, TimeWindow window) {
        this.serviceLabels = List.copyOf(serviceLabels);
        this.window = window;
    }

    public Parsed<MetricSample> parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Parsed.rejected(new Rejection(Rejection.UNKNOWN_FORMAT, null, "a metric record must be a JSON object"));
        }
        try {
            boolean vigil = node.has("service");
            return inWindow(vigil ? vigil(node) : prometheus(node), vigil ? "vigil" : "prometheus");
        } catch (FieldException e) {
            return Parsed.rejected(e.rejection);
        }
    }

    /**
     * A valid record in Vigil's own format read straight off its bytes (no tree), or null when it is anything else:
     * then {@link #parse(JsonNode)} on its tree decides, and words any rejection.
     */
    public Parsed<MetricSample> parseDirect(byte[] json) {
        MetricSample sample = VigilSampleReader.read(json);
        return sample == null ? null : inWindow(sample, "vigil");
    }

    private Parsed<MetricSample> inWindow(MetricSample sample, String format) {
        Optional<Rejection> outside = window.check("timestamp", sample.timestamp());
        return outside.isPresent() ? Parsed.rejected(outside.get()) : Parsed.ok(sample, format);
    }

    private MetricSample vigil(JsonNode node) throws FieldException {
        String service = JsonFields.matching(JsonFields.requiredText(node, "service", "service"), NameSyntax.SERVICE, "service",
                "must start with a letter or digit and use only letters, digits and _.:/-");
        String name = metricName(JsonFields.requiredText(node, "name", "name"));
        Map<String, String> labels = JsonFields.labels(node, "labels", "labels");
        labels.remove("service");
        Instant timestamp = JsonFields.timestamp(node, "timestamp", "timestamp");
        JsonNode value = node.get("value");
        if (value == null || value.isNull()) {
            throw new FieldException(Rejection.missing("value"));
        }
        if (!value.isNumber()) {
            throw new FieldException(Rejection.invalid("value", "must be a JSON number"));
        }
        return new MetricSample(service, name, labels, timestamp, finite(value.asDouble()));
    }

    private MetricSample prometheus(JsonNode node) throws FieldException {
        String name = metricName(JsonFields.requiredText(node, "name", "name"));
        Map<String, String> labels = JsonFields.labels(node, "labels", "labels");
        labels.remove("__name__");
        String service = null;
        for (String label : serviceLabels) {
            if (labels.containsKey(label)) {
                service = labels.remove(label);
                break;
            }
        }
        if (service == null) {
            throw new FieldException(new Rejection(Rejection.MISSING_FIELD, "labels",
                    "no 'service' field and none of the labels " + serviceLabels + " to take the service from"));
        }
        Instant timestamp = JsonFields.timestamp(node, "timestamp", "timestamp");
        return new MetricSample(service, name, labels, timestamp, finite(promValue(node)));
    }

    private static double promValue(JsonNode node) throws FieldException {
        JsonNode value = node.get("value");
        if (value == null || value.isNull()) {
            throw new FieldException(Rejection.missing("value"));
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (!value.isTextual()) {
            throw new FieldException(Rejection.invalid("value", "must be a number or a numeric string"));
        }
        try {
            return Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
            throw new FieldException(Rejection.invalid("value", "must be a number or a numeric string, got '" + value.asText() + "'"));
        }
    }

    private static String metricName(String name) throws FieldException {
        return JsonFields.matching(name, NameSyntax.METRIC, "name", "must match [a-zA-Z_:][a-zA-Z0-9_:]*");
    }

    private static double finite(double value) throws FieldException {
        if (!Double.isFinite(value)) {
            // Prometheus staleness markers are NaN: not a measurement, so not a sample.
            throw new FieldException(Rejection.invalid("value", "must be finite, got " + value));
        }
        return value;
    }
}
