package dev.vigil.detect.multivariate;

import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;
import smile.stat.distribution.GaussianDistribution;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One fitted Isolation Forest over a window of aligned points, with what it needs to judge a new point.
 *
 * <p>The forest does not see raw metrics but decorrelated ones. Each metric is first put in robust sigmas (median
 * and MAD, so a metric in bytes does not drown one in seconds), then the window's covariance is whitened away
 * (Cholesky: the j-th coordinate is what is left of metric j once the metrics before it have predicted it). Key
 * metrics of a service are tied to each other (latency and CPU follow traffic): on raw metrics a point that breaks
 * a tie while each metric stays in its usual range sits inside the cloud's bounding box, and random cuts isolate it
 * slowly; whitened, the broken tie is a coordinate many sigmas out, and it isolates at once. The forest still does
 * what a covariance cannot: clouds of any shape after the linear part is taken out.
 *
 * <p>A point's isolation is made a statistic in robust sigmas of the window's own isolation scores: how much faster
 * than a usual point it isolates. Beside it, {@link #largestResidual}: isolation saturates beyond the range of the
 * forest's sample, the residual does not ({@code detect.JointCalibration} judges the two). The metric named for a point is the one farthest from what the others predict
 * (its conditional residual under the window's covariance). Immutable: fitted off the ingest thread, swapped in
 * whole.
 */
public final class ForestModel {

    private static final double MAD_TO_SIGMA = 1.4826;
    /** Values beyond this many robust sigmas are clipped before the covariance is estimated (outliers in the window). */
    private static final double WINSOR = 6;
    /** Added to the covariance's diagonal: an exactly constant or exactly tied metric must still whiten. */
    private static final double RIDGE = 1e-4;
    /** Window points scored to find the usual isolation (scoring all of a large window costs more than the fit). */
    private static final int OWN_SCORES = 256;
    /** Points each tree is grown from (Liu et al.'s subsample), at most {@link #MAX_SAMPLE_SHARE} of the window. */
    private static final int TREE_SAMPLE = 256;
    private static final double MAX_SAMPLE_SHARE = 0.8;
    /** The one Gaussian generator Smile's trees draw their cut directions from (see {@link #dropSpareGaussian}). */
    private static final GaussianDistribution SMILE_GAUSSIAN = GaussianDistribution.getInstance();
    private static final Field SPARE_GAUSSIAN = spareGaussianField();

    private final IsolationForest forest;
    private final double[] centre;
    private final double[] spread;
    private final double[] mean;
    private final double[][] cholesky;
    private final double[][] precision;
    private final double isolationMedian;
    private final double isolationSpread;

    private ForestModel(IsolationForest forest, double[] centre, double[] spread, double[] mean, double[][] cholesky,
            double[][] precision, double isolationMedian, double isolationSpread) {
        this.forest = forest;
        this.centre = centre;
        this.spread = spread;
        this.mean = mean;
        this.cholesky = cholesky;
        this.precision = precision;
        this.isolationMedian = isolationMedian;
        this.isolationSpread = isolationSpread;
    }

    /** Fits a forest of {@code trees} trees on {@code window} (rows: points; at least 32). */
    public static ForestModel fit(double[][] window, int trees) {
        int n = window.length;
        int d = window[0].length;
        double[] centre = new double[d];
        double[] spread = new double[d];
        double[] column = new double[n];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = window[i][j];
            }
            centre[j] = median(column);
            for (int i = 0; i < n; i++) {
                column[i] = Math.abs(window[i][j] - centre[j]);
            }
            // A constant metric has no spread: any change of it is then as large as its own level says.
            spread[j] = Math.max(MAD_TO_SIGMA * median(column), Math.max(1e-6 * Math.abs(centre[j]), 1e-9));
        }
        double[][] scaled = new double[n][];
        for (int i = 0; i < n; i++) {
            scaled[i] = scale(window[i], centre, spread);
        }
        double[] mean = new double[d];
        double[][] cholesky = cholesky(covariance(scaled, mean));
        double[][] precision = precision(cholesky);
        double[][] white = new double[n][];
        for (int i = 0; i < n; i++) {
            white[i] = whiten(scaled[i], mean, cholesky);
        }
        IsolationForest forest = grow(white, trees, d - 1); // extended: oblique cuts
        double[] own = forest.score(sample(white));
        double med = median(own);
        for (int i = 0; i < own.length; i++) {
            own[i] = Math.abs(own[i] - med);
        }
        return new ForestModel(forest, centre, spread, mean, cholesky, precision, med,
                Math.max(MAD_TO_SIGMA * median(own), 1e-4));
    }

    /**
     * The forest of Liu et al.: each tree grown from its own random subsample of {@link #TREE_SAMPLE} points, to the
     * depth at which such a sample is isolated on average, drawn from a generator seeded by the window itself. Grown
     * here rather than by Smile's {@code IsolationForest.fit}, which (3.1.1) grows every tree from the whole window
     * (its sampling rate only sizes a list) on the common fork-join pool, each worker drawing from its own unseeded
     * generator: the same window gave a different forest at every fit, so a detector restored from its checkpoint
     * judged otherwise than before the restart, and no run could be repeated. Seeding {@link MathEx} reseeds this
     * thread's generator (the refit executor's), which nothing else of Vigil's draws from; fits take turns on Smile's
     * shared Gaussian generator.
     */
    private static IsolationForest grow(double[][] points, int trees, int extensionLevel) {
        int n = points.length;
        int sample = Math.min(TREE_SAMPLE, (int) (MAX_SAMPLE_SHARE * n));
        int depth = (int) Math.ceil(Math.log(sample) / Math.log(2));
        IsolationTree[] grown = new IsolationTree[trees];
        synchronized (SMILE_GAUSSIAN) {
            dropSpareGaussian();
            MathEx.setSeed(Arrays.deepHashCode(points));
            for (int t = 0; t < trees; t++) {
                int[] order = MathEx.permutate(n);
                List<double[]> subsample = new ArrayList<>(sample);
                for (int i = 0; i < sample; i++) {
                    subsample.add(points[order[i]]);
                }
                grown[t] = new IsolationTree(subsample, depth, extensionLevel);
            }
        }
        return new IsolationForest(sample, extensionLevel, grown); // path lengths normalised by c(sample size)
    }

    /**
     * Smile's extended trees draw their cut directions from one {@link GaussianDistribution} shared by the whole JVM,
     * which keeps the second value of each polar-method pair for its next caller (3.1.1, field {@code z1}). Whether a
     * fit starts with a value left over by the previous fit would shift every direction after it, so the same window
     * and seed still grew another forest. Smile offers no way to reset it but this one; should a later Smile rename
     * the field, fits still work and only their repeatability is lost (ForestModelTest pins it).
     */
    private static void dropSpareGaussian() {
        if (SPARE_GAUSSIAN == null) {
            return;
        }
        try {
            SPARE_GAUSSIAN.setDouble(SMILE_GAUSSIAN, Double.NaN);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Smile's Gaussian generator cannot be reset", e);
        }
    }

    private static Field spareGaussianField() {
        try {
            Field field = GaussianDistribution.class.getDeclaredField("z1");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    /** How much faster than a usual point of the window this point isolates, in robust sigmas. */
    public double statistic(double[] values) {
        return (forest.score(whiten(scale(values, centre, spread), mean, cholesky)) - isolationMedian)
                / isolationSpread;
    }

    /**
     * The metric farthest from what the others predict, in its conditional sigmas: the one that left the relation
     * (latency up while traffic is flat names latency, though latency alone is within its usual range).
     */
    public int dominant(double[] values) {
        double[] r = residuals(values);
        int best = 0;
        for (int j = 1; j < r.length; j++) {
            if (Math.abs(r[j]) / Math.sqrt(precision[j][j]) > Math.abs(r[best]) / Math.sqrt(precision[best][best])) {
                best = j;
            }
        }
        return best;
    }

    /** How far the {@link #dominant} metric is from what the others predict, in its conditional sigmas. */
    public double largestResidual(double[] values) {
        double[] r = residuals(values);
        double largest = 0;
        for (int j = 0; j < r.length; j++) {
            largest = Math.max(largest, Math.abs(r[j]) / Math.sqrt(precision[j][j]));
        }
        return largest;
    }

    /** What metric {@code j} would be, given the others' values in this point (the window's linear relation). */
    public double expected(double[] values, int j) {
        double[] r = residuals(values);
        double scaled = (values[j] - centre[j]) / spread[j] - r[j] / precision[j][j];
        return centre[j] + spread[j] * scaled;
    }

    /** The spread of metric {@code j} around {@link #expected}: its sigma once the others are known. */
    public double conditionalSpread(int j) {
        return spread[j] / Math.sqrt(precision[j][j]);
    }

    /** Precision times the centred point: component j is metric j's conditional residual times its precision. */
    private double[] residuals(double[] values) {
        double[] s = scale(values, centre, spread);
        int d = s.length;
        double[] r = new double[d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                r[j] += precision[j][k] * (s[k] - mean[k]);
            }
        }
        return r;
    }

    private static double[][] covariance(double[][] scaled, double[] mean) {
        int n = scaled.length;
        int d = mean.length;
        double[][] clipped = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                clipped[i][j] = Math.max(-WINSOR, Math.min(WINSOR, scaled[i][j]));
                mean[j] += clipped[i][j] / n;
            }
        }
        double[][] c = new double[d][d];
        for (double[] p : clipped) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k <= j; k++) {
                    c[j][k] += (p[j] - mean[j]) * (p[k] - mean[k]) / n;
                }
            }
        }
        for (int j = 0; j < d; j++) {
            c[j][j] += RIDGE;
            for (int k = 0; k < j; k++) {
                c[k][j] = c[j][k];
            }
        }
        return c;
    }

    /** Lower-triangular L with L L^T = c (c symmetric positive definite: the ridge sees to it). */
    private static double[][] cholesky(double[][] c) {
        int d = c.length;
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            double diagonal = c[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= l[j][k] * l[j][k];
            }
            l[j][j] = Math.sqrt(Math.max(diagonal, RIDGE));
            for (int i = j + 1; i < d; i++) {
                double v = c[i][j];
                for (int k = 0; k < j; k++) {
                    v -= l[i][k] * l[j][k];
                }
                l[i][j] = v / l[j][j];
            }
        }
        return l;
    }

    /** (L L^T)^-1 = L^-T L^-1, from the columns of L^-1 (forward substitution). */
    private static double[][] precision(double[][] l) {
        int d = l.length;
        double[][] inverse = new double[d][];
        for (int j = 0; j < d; j++) {
            double[] unit = new double[d];
            unit[j] = 1;
            inverse[j] = solveLower(l, unit); // column j of L^-1
        }
        double[][] p = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                for (int k = 0; k < d; k++) {
                    p[a][b] += inverse[a][k] * inverse[b][k]; // sum_k (L^-1)_ka (L^-1)_kb
                }
            }
        }
        return p;
    }

    private static double[] whiten(double[] scaled, double[] mean, double[][] l) {
        double[] centred = new double[scaled.length];
        for (int j = 0; j < scaled.length; j++) {
            centred[j] = scaled[j] - mean[j];
        }
        return solveLower(l, centred);
    }

    private static double[] solveLower(double[][] l, double[] b) {
        double[] x = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            double v = b[i];
            for (int k = 0; k < i; k++) {
                v -= l[i][k] * x[k];
            }
            x[i] = v / l[i][i];
        }
        return x;
    }

    /** At most {@link #OWN_SCORES} points of the window, evenly spaced: enough for a median and a MAD. */
    private static double[][] sample(double[][] points) {
        if (points.length <= OWN_SCORES) {
            return points;
        }
        double[][] out = new double[OWN_SCORES][];
        for (int i = 0; i < OWN_SCORES; i++) {
            out[i] = points[(int) ((long) i * points.length / OWN_SCORES)];
        }
        return out;
    }

    private static double[] scale(double[] values, double[] centre, double[] spread) {
        double[] out = new double[values.length];
        for (int j = 0; j < values.length; j++) {
            out[j] = (values[j] - centre[j]) / spread[j];
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
