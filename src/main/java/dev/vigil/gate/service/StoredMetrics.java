package dev.vigil.gate.service;

import dev.vigil.gate.Aggregate;
import dev.vigil.gate.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code source: vigil}: the gate reads Vigil's own samples from the rollups in the database, so every replica,
 * and a restarted one, answers alike. A window takes every interval that overlaps it (so it widens to the rollup
 * resolution). Samples for the canary judge are one point per series and interval, its mean; the SLO
 * aggregates avg, min, max, sum, count and last are exact, the percentiles are taken over those means.
 *
 * <p>Environments: metric samples carry no environment of their own. A series belongs to an environment when its
 * {@code environmentLabel} label equals it, or when it has no such label (a series not split by environment
 * matches every environment).
 */
public final class StoredMetrics implements Evidence.Metrics {

    private final RollupRepository rollups;
    private final Duration resolution;
    private final String environmentLabel;

    public StoredMetrics(RollupRepository rollups, Duration resolution, String environmentLabel) {
        this.rollups = Objects.requireNonNull(rollups, "rollups");
        this.resolution = Objects.requireNonNull(resolution, "resolution");
        this.environmentLabel = Objects.requireNonNull(environmentLabel, "environmentLabel");
    }

    @Override
    public double[] samples(Evidence.SeriesSelector selector, Instant from, Instant to) {
        return read(selector, from, to).stream().mapToDouble(MetricRollup::mean).toArray();
    }

    @Override
    public double aggregate(Evidence.SeriesSelector selector, Aggregate aggregate, Instant from, Instant to) {
        List<MetricRollup> found = read(selector, from, to);
        if (found.isEmpty()) {
            return aggregate.apply(new double[0]);
        }
        return switch (aggregate) {
            case AVG -> found.stream().mapToDouble(MetricRollup::sum).sum()
                    / found.stream().mapToLong(MetricRollup::count).sum();
            case MIN -> found.stream().mapToDouble(MetricRollup::min).min().orElseThrow();
            case MAX -> found.stream().mapToDouble(MetricRollup::max).max().orElseThrow();
            case SUM -> found.stream().mapToDouble(MetricRollup::sum).sum();
            case COUNT -> found.stream().mapToLong(MetricRollup::count).sum();
            case LAST -> found.stream().reduce((a, b) -> b.lastAt().isAfter(a.lastAt()) ? b : a).orElseThrow().last();
            case P50, P90, P95, P99 -> aggregate.apply(found.stream().mapToDouble(MetricRollup::mean).toArray());
        };
    }

    /** The matching series' rollups, oldest first. */
    private List<MetricRollup> read(Evidence.SeriesSelector selector, Instant from, Instant to) {
        return rollups.read(selector.service(), selector.metric(), from.minus(resolution), to).stream()
                .filter(r -> matches(r.labels(), selector)).toList();
    }

    private boolean matches(Map<String, String> labels, Evidence.SeriesSelector selector) {
        String env = labels.get(environmentLabel);
        if (env != null && !env.equals(selector.environment())) {
            return false;
        }
        for (Map.Entry<String, String> want : selector.labels().entrySet()) {
            if (!want.getValue().equals(labels.get(want.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
