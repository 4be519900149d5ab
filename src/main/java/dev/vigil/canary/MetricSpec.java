package dev.vigil.canary;

import dev.vigil.core.Direction;
import java.util.Objects;

/**
 * How one metric is judged.
 *
 * @param name         metric name, unique within a judgement
 * @param weight       share of the canary score (> 0); weights are normalised over the metrics that have data
 * @param direction    which change may fail the metric
 * @param nanStrategy  what a missing sample means
 * @param critical     a critical High/Low/NoData fails the whole canary regardless of the score
 * @param mustHaveData an empty series fails the metric instead of being "no data"
 * @param effectSize   how big a significant change must be to count
 * @param tolerance    fraction of |shift estimate| that the confidence interval must clear (Kayenta: 0.25)
 * @param confidence   confidence level of the interval on the location shift (Kayenta: 0.98)
 * @param minSamples   fewer points than this in either sample gives NoData (Vigil's guard against judging noise)
 * @param outliers     outlier handling before the test
 */
public record MetricSpec(String name, double weight, Direction direction, NanStrategy nanStrategy, boolean critical,
                         boolean mustHaveData, EffectSizeLimits effectSize, double tolerance, double confidence,
                         int minSamples, OutlierPolicy outliers) {

    public static final double DEFAULT_TOLERANCE = 0.25;
    public static final double DEFAULT_CONFIDENCE = 0.98;
    public static final int DEFAULT_MIN_SAMPLES = 10;

    public MetricSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("metric name must be a non-blank string");
        }
        if (!Double.isFinite(weight) || weight <= 0) {
            throw new IllegalArgumentException("metric " + name + ": weight must be a finite number > 0, got " + weight);
        }
        Objects.requireNonNull(direction, () -> "metric " + name + ": direction must be set");
        Objects.requireNonNull(nanStrategy, () -> "metric " + name + ": nanStrategy must be set");
        Objects.requireNonNull(effectSize, () -> "metric " + name + ": effectSize must be set");
        Objects.requireNonNull(outliers, () -> "metric " + name + ": outliers must be set");
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("metric " + name + ": tolerance must be in [0, 1), got " + tolerance);
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("metric " + name + ": confidence must be in (0.5, 1), got " + confidence);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("metric " + name + ": minSamples must be >= 1, got " + minSamples);
        }
    }

    /** A metric with Kayenta's production defaults and Vigil's minimum sample size; adjust with the withers. */
    public static MetricSpec of(String name, Direction direction) {
        return new MetricSpec(name, 1.0, direction, NanStrategy.REMOVE, false, false,
                EffectSizeLimits.defaults(EffectSizeMeasure.MEAN_RATIO), DEFAULT_TOLERANCE, DEFAULT_CONFIDENCE,
                DEFAULT_MIN_SAMPLES, OutlierPolicy.KEEP);
    }

    public MetricSpec withWeight(double w) {
        return new MetricSpec(name, w, direction, nanStrategy, critical, mustHaveData, effectSize, tolerance,
                confidence, minSamples, outliers);
    }

    public MetricSpec withCritical(boolean c) {
        return new MetricSpec(name, weight, direction, nanStrategy, c, mustHaveData, effectSize, tolerance,
                confidence, minSamples, outliers);
    }

    public MetricSpec withMinSamples(int n) {
        return new MetricSpec(name, weight, direction, nanStrategy, critical, mustHaveData, effectSize, tolerance,
                confidence, n, outliers);
    }

    public MetricSpec withEffectSize(EffectSizeLimits limits) {
        return new MetricSpec(name, weight, direction, nanStrategy, critical, mustHaveData, limits, tolerance,
                confidence, minSamples, outliers);
    }

    public MetricSpec withOutliers(OutlierPolicy policy) {
        return new MetricSpec(name, weight, direction, nanStrategy, critical, mustHaveData, effectSize, tolerance,
                confidence, minSamples, policy);
    }
}
