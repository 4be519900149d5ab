package dev.vigil.ingest;

import dev.vigil.detect.service.DetectionService;
import dev.vigil.store.SeriesRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Where every accepted sample goes, whatever it came through: the series registry and detection. */
@ApplicationScoped
public class MetricPipeline {

    private final SeriesRegistry registry;
    private final DetectionService detection;

    public MetricPipeline(SeriesRegistry registry, DetectionService detection) {
        this.registry = registry;
        this.detection = detection;
    }

    public void accept(MetricSample sample) {
        registry.record(sample);
        detection.accept(sample);
    }
}
