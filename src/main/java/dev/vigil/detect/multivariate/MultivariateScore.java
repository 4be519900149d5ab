package dev.vigil.detect.multivariate;

import dev.vigil.detect.Status;

/**
 * Verdict on one aligned point of several metrics.
 *
 * @param score     in [0, 1], the univariate scale ({@code core.AlarmRate}): 0.75 one false alarm per service per
 *                  day at this step, 0.85 one per 10 days, 0.95 one per 100 days
 * @param statistic how much faster than a usual recent point this one isolates, in robust sigmas
 * @param status    WARMING_UP until the first forest is fitted
 * @param dominant  index of the key metric that explains the point best (see {@link ForestModel#dominant}); -1
 *                  while warming up and when the point is no evidence at all (score 0); then the four values
 *                  below are NaN
 * @param observed  the dominant metric's value
 * @param expected  its usual value given the other metrics' values (the window's linear relation)
 * @param lower     its usual range given the others, low edge (expected - 3 conditional sigmas)
 * @param upper     its usual range given the others, high edge
 */
public record MultivariateScore(double score, double statistic, Status status, int dominant, double observed,
                                double expected, double lower, double upper) {

    static MultivariateScore warmingUp() {
        return new MultivariateScore(0, 0, Status.WARMING_UP, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
