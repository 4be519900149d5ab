package dev.vigil.detect.multivariate;

/**
 * One step of a service's key metrics, aligned: the last value of each metric within the step.
 *
 * @param stepMillis start of the step (epoch millis, a multiple of the step)
 * @param values     one value per key metric, in the definition's order
 * @param carried    how many of them were missing in this step and carried from an earlier step
 */
public record AlignedPoint(long stepMillis, double[] values, int carried) {
}
