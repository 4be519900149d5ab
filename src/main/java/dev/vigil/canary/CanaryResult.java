package dev.vigil.canary;

import java.util.List;
import java.util.Objects;

/** The canary judge's answer: every stage with its reasons. */
public record CanaryResult(CanaryVerdict verdict, CanaryScore score, List<MetricClassification> metrics,
                           String reason) {

    public CanaryResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(score, "score");
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(reason, "reason");
    }

    /** Metrics that did not pass, in the order they were configured. */
    public List<MetricClassification> failedMetrics() {
        return metrics.stream().filter(m -> m.label().failsMetric()).toList();
    }
}
