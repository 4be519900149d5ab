package dev.vigil.detect;

/**
 * Calibrates a test statistic per series with extreme value theory (peaks over threshold, as in SPOT,
 * Siffer et al., KDD 2017): exceedances of {@code z} over {@code U} follow a generalised Pareto distribution
 * whose shape and scale are fitted by the method of moments from exponentially weighted moments, so the
 * model is three doubles and O(1) per point. Heavy-tailed series thus get honest tail probabilities instead
 * of Gaussian ones that would call every third spike a one-in-a-billion event.
 */
final class TailModel {

    /** Threshold over which exceedances are modelled, in robust sigmas. */
    static final double U = 2.0;
    static final double RATE_ALPHA = 0.002;
    static final double EXCESS_ALPHA = 0.02;
    /** Shape is kept in [0, MAX_SHAPE]: never a bounded tail (p = 0), never absurdly heavy. */
    static final double MAX_SHAPE = 0.2;
    /** An exceedance counts at most CAP x the current mean excess (+1): one freak value cannot flatten the tail. */
    static final double CAP = 30;
    private static final double MIN_LN_P = -80;

    double rate = 0.05;      // P(z > U), prior: a bit above Gaussian
    double mean = 1.0;       // E[z - U | z > U], prior: exponential tail with scale 1
    double square = 2.0;     // E[(z - U)^2 | z > U]

    /** ln P(Z >= z) under the fitted tail; 0 (no evidence) at or below the threshold. */
    double lnTail(double z) {
        if (!(z > U)) {
            return 0;
        }
        double y = z - U;
        double shape = shape();
        double scale = scale(shape);
        double lnExcess = shape < 1e-6 ? -y / scale : -Math.log1p(shape * y / scale) / shape;
        return Math.max(Math.log(rate) + lnExcess, MIN_LN_P);
    }

    /** The z whose tail probability is {@code exp(lnP)}: the edge of the band for that p. */
    double zAt(double lnP) {
        double lnRatio = Math.log(rate) - lnP; // ln(rate / p)
        if (lnRatio <= 0) {
            return U;
        }
        double shape = shape();
        double scale = scale(shape);
        double y = shape < 1e-6 ? scale * lnRatio : scale / shape * Math.expm1(shape * lnRatio);
        return U + y;
    }

    /** Learns from one observed statistic (capped exceedances, see CAP). */
    void learn(double z) {
        boolean over = z > U;
        rate += RATE_ALPHA * ((over ? 1 : 0) - rate);
        if (over) {
            double y = Math.min(z - U, CAP * mean + 1);
            mean += EXCESS_ALPHA * (y - mean);
            square += EXCESS_ALPHA * (y * y - square);
        }
    }

    private double shape() {
        double variance = Math.max(square - mean * mean, 1e-12);
        double xi = 0.5 * (1 - mean * mean / variance);
        return xi < 0 ? 0 : Math.min(xi, MAX_SHAPE);
    }

    private double scale(double shape) {
        return Math.max(mean * (1 - shape), 1e-9); // GPD mean = scale / (1 - shape)
    }
}
