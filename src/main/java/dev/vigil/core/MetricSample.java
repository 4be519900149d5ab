package dev.vigil.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One observation of one series: the canonical form every accepted metric format is turned into.
 *
 * @param service the service the series belongs to
 * @param name    the metric name (Prometheus naming rules)
 * @param labels  further dimensions, sorted by name; never contains {@code __name__}
 * @param timestamp when the value was observed
 * @param value   a finite number
 */
public record MetricSample(String service, String name, Map<String, String> labels, Instant timestamp, double value) {

    public MetricSample {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timestamp, "timestamp");
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
    }

    public SeriesKey seriesKey() {
        return SeriesKey.of(service, name, labels);
    }

    /** {@code seriesKey().canonical()}, built without hashing: what the per-sample path keys its maps by. */
    public String canonicalKey() {
        return SeriesKey.canonical(service, name, labels);
    }
}
