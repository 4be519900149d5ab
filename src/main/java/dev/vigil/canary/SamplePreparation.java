package dev.vigil.canary;

import java.util.Arrays;

/** Stage 0 of a classification: NaN handling, then outlier removal, each sample on its own. */
final class SamplePreparation {

    private SamplePreparation() {
    }

    static double[] prepare(double[] raw, NanStrategy nans, OutlierPolicy outliers) {
        double[] values = nans == NanStrategy.REMOVE
                ? Arrays.stream(raw).filter(v -> !Double.isNaN(v)).toArray()
                : Arrays.stream(raw).map(v -> Double.isNaN(v) ? 0.0 : v).toArray();
        return outliers.remove() ? withoutOutliers(values, outliers.factor()) : values;
    }

    /** Tukey fences on this sample's quartiles; fewer than 4 points have no meaningful quartiles and are kept. */
    static double[] withoutOutliers(double[] values, double factor) {
        if (values.length < 4) {
            return values;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double q1 = quantile(sorted, 0.25);
        double q3 = quantile(sorted, 0.75);
        double iqr = q3 - q1;
        double low = q1 - factor * iqr;
        double high = q3 + factor * iqr;
        return Arrays.stream(values).filter(v -> v >= low && v <= high).toArray();
    }

    /** Linear interpolation between order statistics (R's type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** mean(canary) / mean(baseline); NaN when either mean is 0 because the ratio then says nothing. */
    static double meanRatio(double[] canary, double[] baseline) {
        double c = mean(canary);
        double b = mean(baseline);
        return c == 0 || b == 0 ? Double.NaN : c / b;
    }

    /** P(canary value > baseline value), ties counted as one half. Sorts copies; O((n + m) log(n + m)). */
    static double cles(double[] canary, double[] baseline) {
        double[] x = canary.clone();
        double[] y = baseline.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        double wins = 0;
        int below = 0; // baseline values strictly below the current canary value
        int notAbove = 0; // baseline values <= the current canary value
        for (double v : x) {
            while (below < y.length && y[below] < v) {
                below++;
            }
            notAbove = Math.max(notAbove, below);
            while (notAbove < y.length && y[notAbove] <= v) {
                notAbove++;
            }
            wins += below + (notAbove - below) / 2.0;
        }
        return wins / ((double) x.length * y.length);
    }

    static boolean sameMultiset(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }

    static boolean singleDistinctValue(double[] a, double[] b) {
        double first = a[0];
        return Arrays.stream(a).allMatch(v -> v == first) && Arrays.stream(b).allMatch(v -> v == first);
    }
}
