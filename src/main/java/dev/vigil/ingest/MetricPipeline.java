package dev.vigil.ingest;

import dev.vigil.gate.service.RecentSamples;
import dev.vigil.store.SeriesRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Where every accepted sample goes, whatever it came through: the series registry (and, later, detection). */
@ApplicationScoped
public class MetricPipeline {

    private final SeriesRegistry registry;
    private final RecentSamples recent;

    public MetricPipeline(SeriesRegistry registry, RecentSamples recent) {
        this.registry = registry;
        this.recent = recent;
    }

    public void accept(MetricSample sample) {
        registry.record(sample);
        recent.add(sample.service(), sample.name(), sample.labels(), sample.timestamp(), sample.value());
    }
}
