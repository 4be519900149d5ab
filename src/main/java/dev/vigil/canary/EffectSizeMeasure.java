package dev.vigil.canary;

/** How big a significant change must be before it fails a metric. */
public enum EffectSizeMeasure {
    /** mean(canary) / mean(baseline); undefined (NaN) when either mean is 0. */
    MEAN_RATIO,
    /** Common-language effect size: P(canary value > baseline value), ties counted as one half. */
    CLES
}
