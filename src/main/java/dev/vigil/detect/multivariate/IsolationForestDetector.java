package dev.vigil.detect.multivariate;

import dev.vigil.detect.Status;
import smile.anomaly.IsolationForest;

import java.util.Arrays;

/**
 * Multivariate check over aligned points of several metrics of one service (e.g. request rate, latency, CPU),
 * using Smile's extended Isolation Forest fitted on a sliding window of recent points and refitted
 * periodically. It catches combinations that no single metric shows (CPU up while traffic is flat). Time is
 * passed in; aligning samples into vectors (same step, last value per metric) is the caller's job.
 * Not compact like the univariate detector: it keeps {@code window x dimensions} doubles; use it per service,
 * not per series.
 */
public final class IsolationForestDetector {

    private static final double CALIBRATION_QUANTILE = 0.99;

    private final MultivariateSettings settings;
    private final double[][] ring;
    private int size;
    private int next;
    private long seen;
    private IsolationForest forest;
    private double calibration;
    private double calibrationSpread;
    private double[] median;
    private double[] spread;

    public IsolationForestDetector(MultivariateSettings settings) {
        this.settings = settings;
        this.ring = new double[settings.window()][];
    }

    /** Scores the point against the current forest, then adds it to the window (and refits when due). */
    public MultivariateScore score(long epochMillis, double[] values) {
        if (values.length != settings.dimensions()) {
            throw new IllegalArgumentException("expected " + settings.dimensions() + " values, got " + values.length);
        }
        MultivariateScore result = forest == null
                ? new MultivariateScore(0, 0, Status.WARMING_UP, -1)
                : judge(values);
        remember(values.clone());
        if (seen >= settings.warmUp() && (forest == null || seen % settings.refitEvery() == 0)) {
            refit();
        }
        return result;
    }

    private MultivariateScore judge(double[] values) {
        double isolation = forest.score(values);
        double score = Math.max(0, Math.min(1, (isolation - calibration) / calibrationSpread));
        return new MultivariateScore(score, isolation, Status.SCORED, dominant(values));
    }

    private void remember(double[] values) {
        ring[next] = values;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
        seen++;
    }

    private void refit() {
        double[][] data = Arrays.copyOf(window(), size);
        int extension = settings.dimensions() - 1; // extended IF: oblique cuts see correlations
        // Smile wants a sampling rate in (0, 1): about 256 points per tree (Liu et al.), at most 80 % of the window.
        double rate = Math.min(0.8, 256.0 / size);
        forest = IsolationForest.fit(data, settings.trees(), maxDepth((int) (rate * size)), rate, extension);
        double[] own = forest.score(data);
        Arrays.sort(own);
        // Normalise against the window's own scores: 0 up to their 99th percentile, 1 at their maximum. Isolation
        // scores saturate: a point beyond the range of the window isolates about as fast as the window's most
        // extreme point, so "as isolated as the most isolated recent point" is the top of the scale.
        calibration = own[(int) Math.floor(CALIBRATION_QUANTILE * (own.length - 1))];
        calibrationSpread = Math.max(own[own.length - 1] - calibration, 1e-3);
        robustCentre(data);
    }

    private double[][] window() {
        double[][] out = new double[size][];
        for (int i = 0; i < size; i++) {
            out[i] = ring[(next - size + i + ring.length) % ring.length];
        }
        return out;
    }

    private static int maxDepth(int n) {
        int sample = Math.min(n, 256);
        return (int) Math.ceil(Math.log(sample) / Math.log(2));
    }

    private void robustCentre(double[][] data) {
        int d = settings.dimensions();
        median = new double[d];
        spread = new double[d];
        double[] column = new double[data.length];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < data.length; i++) {
                column[i] = data[i][j];
            }
            Arrays.sort(column);
            median[j] = column[column.length / 2];
            for (int i = 0; i < data.length; i++) {
                column[i] = Math.abs(data[i][j] - median[j]);
            }
            Arrays.sort(column);
            spread[j] = Math.max(column[column.length / 2] * 1.4826, 1e-9);
        }
    }

    private int dominant(double[] values) {
        int best = 0;
        double bestZ = -1;
        for (int j = 0; j < values.length; j++) {
            double z = Math.abs(values[j] - median[j]) / spread[j];
            if (z > bestZ) {
                bestZ = z;
                best = j;
            }
        }
        return best;
    }
}
