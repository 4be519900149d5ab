package dev.vigil.gate.service;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One series over one rollup interval, as stored: how many samples, their sum, smallest, largest and newest value
 * (and when the newest was taken, so that two partial rollups of one interval merge in any order).
 *
 * @param bucket start of the interval (a multiple of the resolution since the epoch)
 */
public record MetricRollup(String service, String metric, Map<String, String> labels, Instant bucket, long count,
                           double sum, double min, double max, double last, Instant lastAt) {

    public MetricRollup {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(metric, "metric");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(lastAt, "lastAt");
        if (count < 1) {
            throw new IllegalArgumentException("a rollup holds at least one sample, got " + count);
        }
    }

    /** The rollup of one sample. */
    static MetricRollup of(String service, String metric, Map<String, String> labels, Instant bucket, Instant at,
                           double value) {
        return new MetricRollup(service, metric, labels, bucket, 1, value, value, value, value, at);
    }

    /** This rollup with one more sample, taken {@code at}: {@link #merge} with the sample's rollup, without building it. */
    MetricRollup plus(Instant at, double value) {
        boolean newer = at.isAfter(lastAt);
        return new MetricRollup(service, metric, labels, bucket, count + 1, sum + value, Math.min(min, value),
                Math.max(max, value), newer ? value : last, newer ? at : lastAt);
    }

    /** Both partial rollups of the same series and interval as one. */
    MetricRollup merge(MetricRollup other) {
        boolean otherIsNewer = other.lastAt.isAfter(lastAt);
        return new MetricRollup(service, metric, labels, bucket, count + other.count, sum + other.sum,
                Math.min(min, other.min), Math.max(max, other.max), otherIsNewer ? other.last : last,
                otherIsNewer ? other.lastAt : lastAt);
    }

    double mean() {
        return sum / count;
    }
}
