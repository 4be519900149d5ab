package dev.vigil.predict;

import java.util.Arrays;

/**
 * {@code z = (log1p(max(x, 0)) - mean) / sd} per feature. The JIT features are counts with heavy right tails
 * (LA runs from 0 to 22,000 in qt); the log makes a logistic model's linear term sensible, and standardising
 * makes coefficients comparable, which the explanation relies on. Negative inputs (never produced by the
 * extractor, but possible in foreign CSVs) are clamped to 0 rather than producing NaN.
 *
 * @param means mean of log1p(x) per feature over the training rows
 * @param sds   standard deviation of log1p(x) per feature; a constant feature gets 1 so it scales to 0
 */
public record LogScaler(double[] means, double[] sds) {

    public LogScaler {
        if (means.length != sds.length) {
            throw new IllegalArgumentException("expected " + means.length + " sds, got " + sds.length);
        }
        for (int i = 0; i < sds.length; i++) {
            if (!(sds[i] > 0) || !Double.isFinite(sds[i]) || !Double.isFinite(means[i])) {
                throw new IllegalArgumentException("feature " + i + ": sd must be finite and > 0, mean finite; got mean "
                        + means[i] + ", sd " + sds[i]);
            }
        }
        means = means.clone();
        sds = sds.clone();
    }

    public static LogScaler fit(double[][] rows) {
        if (rows.length < 2) {
            throw new IllegalArgumentException("expected at least 2 rows to fit a scaler, got " + rows.length);
        }
        int p = rows[0].length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (double[] row : rows) {
            for (int j = 0; j < p; j++) {
                mean[j] += log(row[j]) / rows.length;
            }
        }
        for (double[] row : rows) {
            for (int j = 0; j < p; j++) {
                double d = log(row[j]) - mean[j];
                sd[j] += d * d / (rows.length - 1);
            }
        }
        for (int j = 0; j < p; j++) {
            sd[j] = sd[j] > 1e-12 ? Math.sqrt(sd[j]) : 1.0;
        }
        return new LogScaler(mean, sd);
    }

    public int size() {
        return means.length;
    }

    public double[] apply(double[] x) {
        if (x.length != means.length) {
            throw new IllegalArgumentException("expected " + means.length + " features, got " + x.length);
        }
        double[] z = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            z[j] = (log(x[j]) - means[j]) / sds[j];
        }
        return z;
    }

    public double[][] apply(double[][] rows) {
        double[][] z = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            z[i] = apply(rows[i]);
        }
        return z;
    }

    static double log(double x) {
        return Math.log1p(Math.max(x, 0));
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] sds() {
        return sds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogScaler s && Arrays.equals(means, s.means) && Arrays.equals(sds, s.sds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(sds);
    }

    @Override
    public String toString() {
        return "LogScaler" + Arrays.toString(means) + Arrays.toString(sds);
    }
}
