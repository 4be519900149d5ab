package dev.vigil.canary;

import java.util.Arrays;
import smile.stat.distribution.GaussianDistribution;

/**
 * Two-sample Wilcoxon / Mann-Whitney confidence interval on the location shift, with the normal approximation,
 * average ranks for ties, the tie-corrected variance and a 0.5 continuity correction: the statistic R's
 * {@code wilcox.test(x, y, conf.int = TRUE, exact = FALSE, correct = TRUE)} and Kayenta invert.
 *
 * <p>Why not a numeric root finder as Kayenta does: the statistic is a step function of the shift that only jumps
 * at pairwise differences canary[i] - baseline[j]. Searching those differences gives the exact crossing points,
 * whatever the scale of the metric (Kayenta's absolute tolerance of 1e-4 is coarse for metrics around 1e-4), and a
 * deterministic answer on fully tied samples (Kayenta adds random noise there). Above {@link #MAX_PAIRS} pairs it
 * falls back to bisection with a relative precision of 1e-12.
 */
public final class RankShiftTest {

    static final long MAX_PAIRS = 1_000_000L;
    private static final int BISECTION_STEPS = 200;

    private RankShiftTest() {
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
        Roots roots = (long) x.length * y.length <= MAX_PAIRS ? new PairwiseRoots(x, y) : new BisectionRoots(x, y);
        // z is 0 on a whole interval when the pairwise differences split evenly: take its middle, as the
        // Hodges-Lehmann median of pairwise differences does.
        double estimate = (roots.crossing(x, y, 0, false) + roots.crossing(x, y, 0, true)) / 2;
        return new ShiftInterval(estimate, roots.crossing(x, y, q, false), roots.crossing(x, y, -q, false),
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

    /** Finds the shift where z falls to target or below (strictly below when {@code strict}). */
    private interface Roots {
        double crossing(double[] x, double[] y, double target, boolean strict);
    }

    private static boolean reached(double z, double target, boolean strict) {
        return strict ? z < target : z <= target;
    }

    /** Exact: the crossing is the first pairwise difference right of which z is at most target. */
    private static final class PairwiseRoots implements Roots {
        private final double[] diffs;

        PairwiseRoots(double[] x, double[] y) {
            double[] all = new double[x.length * y.length];
            int k = 0;
            for (double xi : x) {
                for (double yj : y) {
                    all[k++] = xi - yj;
                }
            }
            Arrays.sort(all);
            diffs = Arrays.stream(all).distinct().toArray();
        }

        @Override
        public double crossing(double[] x, double[] y, double target, boolean strict) {
            int lo = 0;
            int hi = diffs.length; // hi == length: z never falls to target; answer the range's upper end as Kayenta
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (reached(z(x, y, rightOf(mid)), target, strict)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return diffs[Math.min(lo, diffs.length - 1)];
        }

        private double rightOf(int k) {
            return k + 1 < diffs.length ? (diffs[k] + diffs[k + 1]) / 2 : diffs[k] + Math.max(1.0, Math.abs(diffs[k]));
        }
    }

    /** Approximate, for very large samples: bisection on [min(x) - max(y), max(x) - min(y)]. */
    private static final class BisectionRoots implements Roots {
        private final double min;
        private final double max;

        BisectionRoots(double[] x, double[] y) {
            min = x[0] - y[y.length - 1];
            max = x[x.length - 1] - y[0];
        }

        @Override
        public double crossing(double[] x, double[] y, double target, boolean strict) {
            if (reached(z(x, y, min), target, strict)) {
                return min;
            }
            if (!reached(z(x, y, max), target, strict)) {
                return max;
            }
            double a = min;
            double b = max;
            for (int s = 0; s < BISECTION_STEPS && b - a > 1e-12 * Math.max(1.0, Math.abs(b)); s++) {
                double m = a + (b - a) / 2;
                if (reached(z(x, y, m), target, strict)) {
                    b = m;
                } else {
                    a = m;
                }
            }
            return b;
        }
    }
}
