package dev.vigil.detect;

/**
 * Calibrates a test statistic per series with extreme value theory (peaks over threshold, as in SPOT,
 * Siffer et al., KDD 2017). The threshold {@code u} follows the statistic's upper {@link #Q} quantile (a
 * Robbins-Monro step per point), and the excesses over it follow a generalised Pareto distribution whose shape
 * and scale are fitted by the method of moments from exponentially weighted moments; so
 * {@code P(Z > z) = Q x GPD(z - u)}, three doubles and O(1) per point.
 *
 * <p>Why a quantile rather than a fixed threshold: the tail must be modelled where the statistic has a tail.
 * A fixed threshold in sigmas is crossed 5 % of the time by one statistic and once in a thousand points by a
 * slow one (a CUSUM); the latter's exceedance rate, an average of a rare and clustered event, then dips between
 * clusters, and the next cluster looks a thousand times rarer than it is. That was the main source of false
 * critical alarms on plain Gaussian noise sampled every 10 s. With the threshold at a quantile the rate is
 * {@code Q} by construction and every statistic has as many excesses to learn its shape from.
 */
final class TailModel {

    /** Share of the statistic's values modelled as its tail: the threshold is their upper Q quantile. */
    static final double Q = 0.05;
    /** The threshold's initial value, in robust sigmas (about the 95 % quantile of Gaussian noise). */
    static final double INITIAL_THRESHOLD = 2.0;
    /** Robbins-Monro step of the quantile, as a share of the mean excess (so it is scale-free). */
    static final double QUANTILE_STEP = 0.02;
    /** Memory of the excess moments: ~200 excesses, ~4,000 points (short memories underestimate heavy tails). */
    static final double EXCESS_ALPHA = 0.005;
    /**
     * Weight of the prior (mean excess 1, an exponential tail of scale 1), in excesses. A young model averages its
     * excesses with the prior at rate {@code 1 / (PRIOR_EXCESSES + Q n)} after n values (Q n being the excesses
     * expected so far), and moves to the long memory {@link #EXCESS_ALPHA} once that is slower (~4,000 values).
     * With the long memory from the start, a series of a few thousand points (NAB's files, a new service) was judged
     * for most of its length by the prior rather than by its own tail. 10 and 30 measured alike on NAB.
     */
    static final double PRIOR_EXCESSES = 10;
    /**
     * Shape is kept in [0, maxShape]: never a bounded tail (p = 0 past a finite point). For a statistic of single
     * residuals, {@link #HEAVY_SHAPE}: heavy-tailed noise (Student-t with 3 degrees of freedom has 1/3) gets an
     * honest tail, and no heavier than one whose variance still exists (the method of moments needs it).
     */
    static final double HEAVY_SHAPE = 0.5;
    /** An excess counts at most CAP x the current mean excess (+1): one freak value cannot flatten the tail. */
    static final double CAP = 30;
    private static final double MIN_LN_P = -80;
    private static final double LN_Q = Math.log(Q);

    /** Largest shape this statistic may have: 0 for sums of clipped residuals, whose tails are exponential. */
    private final double maxShape;
    double threshold = INITIAL_THRESHOLD;
    double mean = 1.0;       // E[z - u | z > u], prior: exponential tail with scale 1
    double square = 2.0;     // E[(z - u)^2 | z > u]

    private TailModel(double maxShape) {
        this.maxShape = maxShape;
    }

    /** For a statistic of one residual (a point's z): its tail may be as heavy as the noise's. */
    static TailModel ofResiduals() {
        return new TailModel(HEAVY_SHAPE);
    }

    /**
     * For a running sum or average of clipped residuals (the shift EWMA, the drift CUSUM): bounded increments give
     * an exponential tail (Cramer-Lundberg), so the shape is 0. Their excesses come in long clusters, which
     * inflate the excess variance the method of moments reads as a heavier shape.
     */
    static TailModel ofSums() {
        return new TailModel(0);
    }

    /** ln P(Z >= z) under the fitted tail; 0 (no evidence) at or below the threshold. */
    double lnTail(double z) {
        if (!(z > threshold)) {
            return 0;
        }
        double y = z - threshold;
        double shape = shape();
        double scale = scale(shape);
        double lnExcess = shape < 1e-6 ? -y / scale : -Math.log1p(shape * y / scale) / shape;
        return Math.max(LN_Q + lnExcess, MIN_LN_P);
    }

    /** The z whose tail probability is {@code exp(lnP)}: the edge of the band for that p. */
    double zAt(double lnP) {
        double lnRatio = LN_Q - lnP; // ln(Q / p)
        if (lnRatio <= 0) {
            return threshold;
        }
        double shape = shape();
        double scale = scale(shape);
        double y = shape < 1e-6 ? scale * lnRatio : scale / shape * Math.expm1(shape * lnRatio);
        return threshold + y;
    }

    /**
     * Learns from one observed statistic, the model having learnt from {@code n} values before: moves the threshold
     * towards its quantile, fits the excesses.
     */
    void learn(double z, long n) {
        boolean over = z > threshold;
        if (over) {
            double y = Math.min(z - threshold, CAP * mean + 1);
            double a = Math.max(EXCESS_ALPHA, 1 / (PRIOR_EXCESSES + Q * n));
            mean += a * (y - mean);
            square += a * (y * y - square);
        }
        threshold += QUANTILE_STEP * mean * ((over ? 1 : 0) - Q);
    }

    /**
     * The threshold of a tail model saved before thresholds followed a quantile (state version 4 and older),
     * whose {@code rate} was P(z > 2): the z at which that fitted tail had probability Q.
     */
    static double thresholdOfRateModel(double rate, double mean, double square) {
        TailModel old = ofResiduals();
        old.mean = mean;
        old.square = square;
        // zAt solves Q x GPD(y) = p; the old tail solved rate x GPD(y) = Q, i.e. p = Q^2 / rate.
        return old.zAt(2 * LN_Q - Math.log(Math.max(rate, 1e-12)));
    }

    private double shape() {
        double variance = Math.max(square - mean * mean, 1e-12);
        double xi = 0.5 * (1 - mean * mean / variance);
        return xi < 0 ? 0 : Math.min(xi, maxShape);
    }

    private double scale(double shape) {
        return Math.max(mean * (1 - shape), 1e-9); // GPD mean = scale / (1 - shape)
    }
}
