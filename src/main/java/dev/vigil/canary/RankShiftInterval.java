package dev.vigil.canary;

import java.util.Arrays;
import smile.stat.distribution.GaussianDistribution;

/**
 * Two-sample Wilcoxon / Mann-Whitney confidence interval on the location shift, with the normal approximation,
 * average ranks for ties, the tie-corrected variance and a 0.5 continuity correction: the statistic R's
 * {@code wilcox.test(x, y, conf.int = TRUE, exact = FALSE, correct = TRUE)} and Kayenta invert.
 *
 * <p>Why not Kayenta's root finder (Brent, absolute tolerance 1e-4): the statistic is a step function of the shift
 * that only jumps at pairwise differences canary[i] - baseline[j]. Vigil bisects to a relative precision of 1e-12
 * and then snaps to the exact pairwise difference where the statistic crosses, so interval ends are exact on any
 * scale (Kayenta's are coarse for metrics around 1e-4), fully tied samples need no random noise, and the cost is
 * O((n + m) log) time and O(n + m) memory, never the n * m pairwise differences.
 */
public final class RankShiftInterval {

    private static final int BISECTION_STEPS = 400;
    private static final double PRECISION = 1e-12;
    /** Far enough right of a crossing to see whether z stays exactly 0 there (only then is a second search needed). */
    private static final double STEP_PROBE = 1e-9;

    private RankShiftInterval() {
    }

    /** Both samples must be non-empty and NaN-free. */
    public static ShiftInterval run(double[] canary, double[] baseline, double confidence) {
        if (canary.length == 0 || baseline.length == 0) {
            throw new IllegalArgumentException("rank test needs two non-empty samples, got "
                    + canary.length + " canary and " + baseline.length + " baseline points");
        }
        double[] x = canary.clone();
        double[] y = baseline.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double q = GaussianDistribution.getInstance().quantile((1 + confidence) / 2);
        // z is 0 on a whole interval when the pairwise differences split evenly: take its middle, as the
        // Hodges-Lehmann median of pairwise differences does.
        double first = crossing(x, y, 0, false);
        double estimate = z(x, y, first + STEP_PROBE * Math.max(1.0, Math.abs(first))) == 0
                ? (first + crossing(x, y, 0, true)) / 2 : first;
        return new ShiftInterval(estimate, crossing(x, y, q, false), crossing(x, y, -q, false),
                z(x, y, 0), q);
    }

    /**
     * Standardised rank-sum statistic of (x - mu) against y; non-increasing in mu. Where every observation is tied
     * the variance is 0 and there is no evidence of a shift, so the statistic is 0.
     */
    static double z(double[] x, double[] y, double mu) {
        int nx = x.length;
        int ny = y.length;
        double rankSumX = 0;
        double tieTerm = 0;
        int i = 0;
        int j = 0;
        int rank = 0;
        while (i < nx || j < ny) {
            double v = i < nx && (j >= ny || x[i] - mu <= y[j]) ? x[i] - mu : y[j];
            int cx = 0;
            while (i < nx && x[i] - mu == v) {
                cx++;
                i++;
            }
            int cy = 0;
            while (j < ny && y[j] == v) {
                cy++;
                j++;
            }
            int t = cx + cy;
            rankSumX += cx * (rank + (t + 1) / 2.0);
            tieTerm += (double) t * t * t - t;
            rank += t;
        }
        double dz = rankSumX - nx * (nx + 1) / 2.0 - nx * (double) ny / 2.0;
        double n = nx + ny;
        double variance = nx * (double) ny / 12.0 * ((n + 1) - tieTerm / (n * (n - 1)));
        if (variance <= 0) {
            return 0;
        }
        return (dz - Math.signum(dz) * 0.5) / Math.sqrt(variance);
    }

    private static boolean reached(double z, double target, boolean strict) {
        return strict ? z < target : z <= target;
    }

    /**
     * The smallest pairwise difference D with z just right of D at most target (below it when strict). Kayenta's
     * edge rule first: if z is already there at min(x) - max(y), that end; if it never gets there, max(x) - min(y).
     * Otherwise bisection keeps z(a) short of the target and z(b) at it, which puts the crossing in [a, b]; once the
     * bracket is tiny, the crossing is snapped to the exact pairwise difference inside it.
     */
    static double crossing(double[] x, double[] y, double target, boolean strict) {
        double min = x[0] - y[y.length - 1];
        double max = x[x.length - 1] - y[0];
        if (reached(z(x, y, min), target, strict)) {
            return min;
        }
        if (!reached(z(x, y, max), target, strict)) {
            return max;
        }
        double a = min;
        double b = max;
        // The snap below is exact for any bracket; bisecting until about one pairwise difference is left in it
        // (1/16 on average for evenly spread differences) balances bisection steps against snap steps.
        double enough = Math.max((max - min) / Math.pow(2, 4 + Math.log((double) x.length * y.length) / Math.log(2)),
                PRECISION * Math.max(1.0, Math.max(Math.abs(min), Math.abs(max))));
        for (int s = 0; s < BISECTION_STEPS && b - a > enough; s++) {
            double m = a + (b - a) / 2;
            if (reached(z(x, y, m), target, strict)) {
                b = m;
            } else {
                a = m;
            }
        }
        for (double d = nextDifference(x, y, a, true); d <= b; ) {
            double next = nextDifference(x, y, d, false);
            // "just right of d" must be a real step away: x[i] - (d + one ulp) rounds back to x[i] - d
            double right = Double.isInfinite(next) ? d + Math.max(1.0, Math.abs(d)) : d + (next - d) / 2;
            if (reached(z(x, y, right), target, strict)) {
                return d;
            }
            d = next;
        }
        return b; // only reachable through rounding
    }

    /** The smallest x[i] - y[j] that is >= from (inclusive) or > from; +Infinity if none. O(n log m). */
    static double nextDifference(double[] x, double[] y, double from, boolean inclusive) {
        double best = Double.POSITIVE_INFINITY;
        for (double xi : x) {
            // xi - y[j] falls as j grows: find the largest j whose difference still qualifies
            int lo = 0;
            int hi = y.length - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                double d = xi - y[mid];
                if (inclusive ? d >= from : d > from) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (found >= 0) {
                best = Math.min(best, xi - y[found]);
            }
        }
        return best;
    }
}
