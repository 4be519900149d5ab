package dev.vigil.detect;

/**
 * Calibrates a test statistic per series with extreme value theory (peaks over threshold, as in SPOT,
 * Siffer et al., KDD 2017). The threshold {@code u} follows the statistic's upper {@link #Q} quantile (a
 * Robbins-Monro step per point), and the excesses over it follow a generalised Pareto distribution whose shape
 * and scale are fitted by the method of moments from exponentially weighted moments; so
 * {@code P(Z > z) = Q x GPD(z - u)}, three doubles and O(1) per point.
 *
 * <p>Far in the tail the p-value rests on the fitted shape, which a few hundred excesses leave uncertain: the tail
 * is averaged over the shape's uncertainty ({@link #SHAPE_NODES}), so a critical alarm at 10 s sampling (p ~ 1e-6,
 * five decades below the data the fit saw) is only as rare as the data can tell. Student-t noise, whose shape a
 * moment fit under-reads, no longer alarms critically ten times more often than its severity promises.
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
    /**
     * Three-point Gauss-Hermite rule over the shape's uncertainty: nodes at the fitted shape and +-sqrt(3) standard
     * errors, weights 2/3, 1/6, 1/6. The shape is the one parameter the extrapolation to rare p hangs on, and a
     * moment fit over a few hundred excesses is uncertain by 0.05-0.1 even at steady state.
     */
    static final double[] SHAPE_NODES = {-Math.sqrt(3), 0, Math.sqrt(3)};
    private static final double[] LN_SHAPE_WEIGHTS = {Math.log(1 / 6.0), Math.log(2 / 3.0), Math.log(1 / 6.0)};
    /** A node's shape stays below 1, where the GPD still has a mean (the fitted mean excess sets its scale). */
    private static final double MAX_NODE_SHAPE = 0.9;
    private static final double MIN_LN_P = -80;
    private static final double LN_Q = Math.log(Q);

    /** Largest shape this statistic may have: 0 for sums of clipped residuals, whose tails are exponential. */
    private final double maxShape;
    double threshold = INITIAL_THRESHOLD;
    double mean = 1.0;       // E[z - u | z > u], prior: exponential tail with scale 1
    double square = 2.0;     // E[(z - u)^2 | z > u]
    /** Memo of {@link #zAt}, made on first use: only the point tail draws a band, once per point. */
    private BandMemo band;

    /** Keyed by what the excess depends on: p, the excesses the fit rests on, and the fit's moments. */
    private static final class BandMemo {
        double lnP = Double.NaN;
        double excesses;
        double mean;
        double square;
        double excess;
    }

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

    /**
     * ln P(Z >= z) under the fitted tail, the model having learnt from {@code n} values; 0 (no evidence) at or below
     * the threshold.
     */
    double lnTail(double z, long n) {
        if (!(z > threshold)) {
            return 0;
        }
        return Math.max(LN_Q + lnExcess(z - threshold, shapeSpread(shape(), n)), MIN_LN_P);
    }

    /**
     * ln P(excess > y), averaged over what the shape may be given how many excesses it was fitted from (see
     * {@link #SHAPE_NODES}). Far in the tail the average is carried by the heavier shapes: a p-value five decades
     * below the data it was fitted on is only as small as the shape is certain.
     */
    private double lnExcess(double y, double spread) {
        double shape = shape();
        if (spread == 0) {
            return lnExcessAt(y, shape);
        }
        return lnSum(LN_SHAPE_WEIGHTS[0] + lnExcessAt(y, nodeShape(shape, spread, 0)),
                LN_SHAPE_WEIGHTS[1] + lnExcessAt(y, shape),
                LN_SHAPE_WEIGHTS[2] + lnExcessAt(y, nodeShape(shape, spread, 2)));
    }

    /** ln(e^a + e^b + e^c), without overflow. */
    private static double lnSum(double a, double b, double c) {
        double top = Math.max(c, Math.max(b, a));
        return top + Math.log(Math.exp(a - top) + Math.exp(b - top) + Math.exp(c - top));
    }

    /** ln P(excess > y) under a GPD of this shape with the fitted mean excess. */
    private double lnExcessAt(double y, double shape) {
        double scale = scale(shape);
        return shape < 1e-6 ? -y / scale : -Math.log1p(shape * y / scale) / shape;
    }

    /**
     * Standard error of the fitted shape after {@code n} values, {@code (1 + shape) / sqrt(m)} as for a
     * maximum-likelihood fit from the m excesses its moments rest on: 1 / the rate they move at, {@code 10 + Q n}
     * (the prior counting as 10) up to the long memory's 200, in whole excesses. Derived from n, so restored state
     * judges exactly as the state it was saved from. 0 for a fixed shape.
     */
    private double shapeSpread(double shape, long n) {
        return maxShape == 0 ? 0 : (1 + shape) / Math.sqrt(excessesAfter(n));
    }

    static double excessesAfter(long n) {
        return Math.floor(Math.min(1 / EXCESS_ALPHA, PRIOR_EXCESSES + Q * Math.max(n, 0)));
    }

    private double nodeShape(double shape, double spread, int node) {
        return Math.min(Math.max(shape + SHAPE_NODES[node] * spread, 0), MAX_NODE_SHAPE);
    }

    /**
     * The z whose tail probability is {@code exp(lnP)} after {@code n} values: the edge of the band for that p.
     * Memoised: the threshold moves every point, the excess over it only when the fit or m does.
     */
    double zAt(double lnP, long n) {
        double lnRatio = LN_Q - lnP; // ln(Q / p)
        if (lnRatio <= 0) {
            return threshold;
        }
        double excesses = maxShape == 0 ? 0 : excessesAfter(n);
        if (band == null) {
            band = new BandMemo();
        }
        if (lnP != band.lnP || excesses != band.excesses || mean != band.mean || square != band.square) {
            band.excess = excessAt(lnRatio, n);
            band.lnP = lnP;
            band.excesses = excesses;
            band.mean = mean;
            band.square = square;
        }
        return threshold + band.excess;
    }

    /**
     * The excess y with {@code lnExcess(y) = -lnRatio}. It lies between the largest of the nodes' own excesses at
     * {@code lnRatio + ln w} (each node alone, weighted, already reaches the probability there) and the largest at
     * {@code lnRatio} (no node exceeds it there); Newton steps on ln P, kept inside that bracket, find it.
     */
    private double excessAt(double lnRatio, long n) {
        double shape = shape();
        double spread = shapeSpread(shape, n);
        if (spread == 0) {
            return excessAt(lnRatio, shape);
        }
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < SHAPE_NODES.length; i++) {
            double node = nodeShape(shape, spread, i);
            lo = Math.max(lo, excessAt(lnRatio + LN_SHAPE_WEIGHTS[i], node));
            hi = Math.max(hi, excessAt(lnRatio, node));
        }
        double y = 0.5 * (lo + hi);
        double low = nodeShape(shape, spread, 0);
        double high = nodeShape(shape, spread, 2);
        for (int step = 0; step < 40; step++) {
            // The three nodes' weighted ln P at y, each evaluated once for both ln P and its slope.
            double lnLow = LN_SHAPE_WEIGHTS[0] + lnExcessAt(y, low);
            double lnMid = LN_SHAPE_WEIGHTS[1] + lnExcessAt(y, shape);
            double lnHigh = LN_SHAPE_WEIGHTS[2] + lnExcessAt(y, high);
            double ln = lnSum(lnLow, lnMid, lnHigh);
            double gap = ln + lnRatio; // > 0: not yet far enough out
            if (Math.abs(gap) < 1e-12) {
                break;
            }
            if (gap > 0) {
                lo = y;
            } else {
                hi = y;
            }
            // d ln P / dy: the nodes' hazards, weighted by their share of the probability at y
            double slope = 0;
            slope -= Math.exp(lnLow - ln) / (scale(low) + low * y);
            slope -= Math.exp(lnMid - ln) / (scale(shape) + shape * y);
            slope -= Math.exp(lnHigh - ln) / (scale(high) + high * y);
            double next = y - gap / slope;
            y = next > lo && next < hi ? next : 0.5 * (lo + hi);
        }
        return y;
    }

    private double excessAt(double lnRatio, double shape) {
        if (lnRatio <= 0) {
            return 0;
        }
        double scale = scale(shape);
        return shape < 1e-6 ? scale * lnRatio : scale / shape * Math.expm1(shape * lnRatio);
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
        return old.zAt(2 * LN_Q - Math.log(Math.max(rate, 1e-12)), Long.MAX_VALUE);
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
