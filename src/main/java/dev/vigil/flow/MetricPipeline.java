package dev.vigil.flow;

import dev.vigil.core.MetricSample;
import dev.vigil.detect.service.DetectionService;
import dev.vigil.gate.service.SampleRollups;
import dev.vigil.ingest.MetricSink;
import dev.vigil.ingest.service.SeriesRegistry;
import jakarta.inject.Singleton;

/**
 * Where every accepted sample goes, whatever it came through: the series registry, the rollups the gates judge
 * from (stored in the database off this path, with the series flush: {@link RollupsWithOffsets}), and detection.
 */
@Singleton // no client proxy: called once per sample
public class MetricPipeline implements MetricSink {

    private final SeriesRegistry registry;
    private final SampleRollups rollups;
    private final DetectionService detection;

    public MetricPipeline(SeriesRegistry registry, SampleRollups rollups, DetectionService detection) {
        this.registry = registry;
        this.rollups = rollups;
        this.detection = detection;
    }

    @Override
    public void accept(MetricSample sample) {
        String canonical = sample.canonicalKey();
        rollups.add(canonical, sample); // before the registry: a series counted is a series rolled up
        registry.record(canonical, sample);
        detection.accept(sample, canonical);
    }
}
