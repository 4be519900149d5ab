package dev.vigil.attribute.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code vigil_attributions_total{service}}: anomalies attributed to a deploy (counted once per anomaly, not again
 * when a later deploy event re-attributes it). Service is the only label, to keep the cardinality that of the
 * services.
 */
@ApplicationScoped
public class AttributionMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public AttributionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void attributed(String service) {
        counters.computeIfAbsent(service, s -> Counter.builder("vigil_attributions_total")
                .description("Anomalies attributed to a deploy of the service")
                .tag("service", s).register(registry)).increment();
    }
}
