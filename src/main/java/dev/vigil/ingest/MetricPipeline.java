package dev.vigil.ingest;

import dev.vigil.store.SeriesRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Where every accepted sample goes, whatever it came through: the series registry (and, later, detection). */
@ApplicationScoped
public class MetricPipeline {

    private final SeriesRegistry registry;

    public MetricPipeline(SeriesRegistry registry) {
        this.registry = registry;
    }

    public void accept(MetricSample sample) {
        registry.record(sample);
    }
}
