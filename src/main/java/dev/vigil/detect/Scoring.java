package dev.vigil.detect;

/**
 * Turns calibrated tail probabilities into a score in [0, 1]. The point test and the shift test each give
 * ln p from their own {@link TailModel}; the smaller p wins after a Bonferroni correction for having looked
 * twice ({@code p = 2 min(p1, p2)}), and the score is {@code 1 - p^lambda}: 0 for no evidence, monotone,
 * and still ordered at p = 1e-30 where {@code 1 - p} would round to 1.
 */
final class Scoring {

    /** The threshold Vigil ships: a point scoring at or above it opens an anomaly. */
    static final double DEFAULT_THRESHOLD = 0.75;
    /** lambda at sensitivity 0.5. */
    static final double BASE_LAMBDA = 0.25;
    private static final double LN_TESTS = Math.log(2);

    private final double lambda;
    private final double lnPAtThreshold;
    private final double pAtThreshold;

    Scoring(DetectorSettings settings) {
        this.lambda = BASE_LAMBDA * Math.pow(4.0, settings.sensitivity() - 0.5);
        this.lnPAtThreshold = Math.log(1 - DEFAULT_THRESHOLD) / lambda - LN_TESTS;
        this.pAtThreshold = Math.exp(lnPAtThreshold);
    }

    /** ln p (uncorrected, single test) at which a score reaches the shipped threshold: the band's edge. */
    double lnPAtThreshold() {
        return lnPAtThreshold;
    }

    /** {@link #lnPAtThreshold()} as a p. */
    double pAtThreshold() {
        return pAtThreshold;
    }

    double score(double lnPPoint, double lnPShift) {
        double lnP = Math.min(lnPPoint, lnPShift) + LN_TESTS;
        return lnP >= 0 ? 0.0 : 1.0 - Math.exp(lambda * lnP);
    }
}
