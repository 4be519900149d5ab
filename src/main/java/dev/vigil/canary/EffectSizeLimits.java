package dev.vigil.canary;

import java.util.Objects;

/**
 * Effect-size gates. A significant increase is High only if the effect size is at least {@code allowedIncrease};
 * a significant decrease is Low only if it is at most {@code allowedDecrease}. The critical pair plays the same
 * role for the critical flag of a critical metric. A NaN effect size (e.g. a zero mean) skips the gate.
 */
public record EffectSizeLimits(EffectSizeMeasure measure, double allowedIncrease, double allowedDecrease,
                               double criticalIncrease, double criticalDecrease) {

    public EffectSizeLimits {
        Objects.requireNonNull(measure, "effectSize.measure must be set");
        requireFinitePositive("allowedIncrease", allowedIncrease);
        requireFinitePositive("allowedDecrease", allowedDecrease);
        requireFinitePositive("criticalIncrease", criticalIncrease);
        requireFinitePositive("criticalDecrease", criticalDecrease);
        if (measure == EffectSizeMeasure.CLES) {
            requireProbability("allowedIncrease", allowedIncrease);
            requireProbability("allowedDecrease", allowedDecrease);
            requireProbability("criticalIncrease", criticalIncrease);
            requireProbability("criticalDecrease", criticalDecrease);
        }
    }

    /** Kayenta judge defaults: 1.0 for the mean ratio (any significant change counts), 0.5 for CLES. */
    public static EffectSizeLimits defaults(EffectSizeMeasure measure) {
        double d = measure == EffectSizeMeasure.CLES ? 0.5 : 1.0;
        return new EffectSizeLimits(measure, d, d, d, d);
    }

    private static void requireFinitePositive(String field, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("effectSize." + field + " must be a finite number >= 0, got " + value);
        }
    }

    private static void requireProbability(String field, double value) {
        if (value > 1.0) {
            throw new IllegalArgumentException("effectSize." + field + " must be in [0, 1] for measure cles, got " + value);
        }
    }
}
