package dev.vigil.flow;

import dev.vigil.core.MetricSample;
import dev.vigil.detect.service.DetectionService;
import dev.vigil.gate.service.RecentSamples;
import dev.vigil.ingest.MetricSink;
import dev.vigil.ingest.service.SeriesRegistry;
import jakarta.inject.Singleton;

/**
 * Where every accepted sample goes, whatever it came through: the series registry, the recent-sample buffer
 * the gates judge from, and detection.
 */
@Singleton // no client proxy: called once per sample
public class MetricPipeline implements MetricSink {

    private final SeriesRegistry registry;
    private final RecentSamples recent;
    private final DetectionService detection;

    public MetricPipeline(SeriesRegistry registry, RecentSamples recent, DetectionService detection) {
        this.registry = registry;
        this.recent = recent;
        this.detection = detection;
    }

    @Override
    public void accept(MetricSample sample) {
        String canonical = sample.canonicalKey();
        registry.record(canonical, sample);
        recent.add(sample.service(), sample.name(), sample.labels(), sample.timestamp(), sample.value());
        detection.accept(sample, canonical);
    }
}
