package dev.vigil.detect.multivariate;

import dev.vigil.detect.Status;

/**
 * Verdict on one aligned point of several metrics.
 *
 * @param score      in [0, 1]: 0 up to the 99th percentile (q99) of the recent window's own isolation scores,
 *                   rising linearly to 1 at the window's most isolated point (and beyond)
 * @param isolation  Smile's raw Isolation Forest score {@code 2^(-E[h]/c(n))}, ~0.5 for ordinary points
 * @param status     WARMING_UP until the first forest is fitted
 * @param dominant   index of the metric farthest (in robust z) from its window median: where to look first
 */
public record MultivariateScore(double score, double isolation, Status status, int dominant) {
}
