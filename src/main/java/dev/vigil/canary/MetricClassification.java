package dev.vigil.canary;

import java.util.Objects;

/**
 * The first stage of a canary verdict: one metric's label and why.
 *
 * @param deviation     mean(canary) / mean(baseline), NaN when undefined (Kayenta's "ratio")
 * @param effectSize    the configured effect-size measure's value, NaN when undefined
 * @param estimate      location-shift estimate canary - baseline (NaN when the test did not run)
 * @param lower         lower end of the confidence interval on the shift (NaN when the test did not run)
 * @param upper         upper end of the confidence interval on the shift (NaN when the test did not run)
 * @param canaryCount   canary points used after NaN and outlier handling
 * @param baselineCount baseline points used after NaN and outlier handling
 */
public record MetricClassification(String metric, Label label, boolean critical, double deviation,
                                   double effectSize, double estimate, double lower, double upper,
                                   int canaryCount, int baselineCount, String reason) {

    public MetricClassification {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(label, "label");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a classification of " + metric + " needs a reason");
        }
        if (critical && label == Label.PASS) {
            throw new IllegalArgumentException("a passing metric cannot be critical: " + metric);
        }
    }

    /** True when the metric fails the whole canary regardless of the score. */
    public boolean failsCanary() {
        return critical && label != Label.PASS;
    }
}
