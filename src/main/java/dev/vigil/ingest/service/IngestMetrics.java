package dev.vigil.ingest.service;

import dev.vigil.ingest.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ingest counters at /q/metrics. Labels are bounded: kind (metric|deploy), source (kafka|http), format (a
 * handful), reason (the {@link Rejection} codes).
 */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Exported from the start, at zero: an alert on "dead letters could not be written" needs the series to exist.
        for (String kind : new String[] {"metric", "deploy"}) {
            failures(kind);
        }
    }

    public void accepted(String kind, String source, String format, int count) {
        counter("vigil_ingest_accepted", "Records accepted by ingest", "kind", kind, "source", source, "format", format)
                .increment(count);
    }

    public void rejected(String kind, String source, String reason) {
        counter("vigil_ingest_rejected", "Records rejected by ingest, by reason", "kind", kind, "source", source, "reason", reason)
                .increment();
    }

    public void deadLettered(String kind, String reason) {
        counter("vigil_dlq_records", "Records written to the dead-letter topic", "kind", kind, "reason", reason).increment();
    }

    public void deadLetterFailed(String kind) {
        failures(kind).increment();
    }

    private Counter failures(String kind) {
        return counter("vigil_dlq_failures", "Records that could not be written to the dead-letter topic", "kind", kind);
    }

    private Counter counter(String name, String help, String... tags) {
        String key = name + String.join("|", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(help).tags(tags).register(registry));
    }
}
