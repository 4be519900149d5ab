package dev.vigil.detect.multivariate;

import smile.anomaly.IsolationForest;

import java.util.Arrays;

/**
 * One fitted Isolation Forest over a window of aligned points, with what it needs to judge a new point: each
 * metric's robust centre and spread (the forest sees metrics in robust sigmas, so a metric in bytes does not drown
 * one in seconds) and the window's own isolation scores (median and spread), which make a point's isolation a
 * statistic in robust sigmas: how much faster than a usual point it isolates. Immutable: fitted off the ingest
 * thread and swapped in whole.
 */
public final class ForestModel {

    private static final double MAD_TO_SIGMA = 1.4826;

    private final IsolationForest forest;
    private final double[] centre;
    private final double[] spread;
    private final double isolationMedian;
    private final double isolationSpread;

    private ForestModel(IsolationForest forest, double[] centre, double[] spread, double isolationMedian,
            double isolationSpread) {
        this.forest = forest;
        this.centre = centre;
        this.spread = spread;
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
        // Smile wants a sampling rate in (0, 1): about 256 points per tree (Liu et al.), at most 80 % of the window.
        double rate = Math.min(0.8, 256.0 / n);
        int depth = (int) Math.ceil(Math.log(Math.min((int) (rate * n), 256)) / Math.log(2));
        IsolationForest forest = IsolationForest.fit(scaled, trees, depth, rate, d - 1); // extended: oblique cuts
        double[] own = forest.score(scaled);
        double med = median(own);
        for (int i = 0; i < n; i++) {
            own[i] = Math.abs(own[i] - med);
        }
        return new ForestModel(forest, centre, spread, med, Math.max(MAD_TO_SIGMA * median(own), 1e-4));
    }

    /** How much faster than a usual point of the window this point isolates, in robust sigmas. */
    public double statistic(double[] values) {
        return (forest.score(scale(values, centre, spread)) - isolationMedian) / isolationSpread;
    }

    /**
     * The metric that explains the point best: the one whose return to its usual value (centre) lowers the point's
     * isolation most. For a broken relation this names the metric that left it (latency up while traffic is flat
     * names latency, though latency alone is within its usual range).
     */
    public int dominant(double[] values) {
        double[] scaled = scale(values, centre, spread);
        int best = 0;
        double lowest = Double.MAX_VALUE;
        for (int j = 0; j < scaled.length; j++) {
            double[] moved = scaled.clone();
            moved[j] = 0;
            double s = forest.score(moved);
            if (s < lowest) {
                lowest = s;
                best = j;
            }
        }
        return best;
    }

    public double centre(int metric) {
        return centre[metric];
    }

    public double spread(int metric) {
        return spread[metric];
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
