package dev.vigil.detect.multivariate;

import dev.vigil.detect.JointCalibration;

import java.nio.ByteBuffer;

/**
 * The checkpoint of an {@link IsolationForestDetector}, version 1: a version byte, the number of metrics (int),
 * points seen (long), last step judged (long), the calibration's doubles ({@link JointCalibration#state()}, 7), the number of window points (int)
 * and the window, oldest first, as doubles. Big-endian. A new layout gets a new version and a migration here.
 */
record MultivariateState(double[][] window, long seen, long lastStepMillis, double[] calibration) {

    static final byte VERSION = 1;
    private static final int CALIBRATION_VALUES = JointCalibration.stateValues();

    static byte[] encode(int dimensions, double[][] window, long seen, long lastStepMillis, double[] calibration) {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 8 + 8 + 8 * CALIBRATION_VALUES + 4
                + 8 * dimensions * window.length);
        b.put(VERSION).putInt(dimensions).putLong(seen).putLong(lastStepMillis);
        for (double c : calibration) {
            b.putDouble(c);
        }
        b.putInt(window.length);
        for (double[] point : window) {
            for (double v : point) {
                b.putDouble(v);
            }
        }
        return b.array();
    }

    static MultivariateState decode(ByteBuffer b, int dimensions) {
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown multivariate state version " + version);
        }
        int d = b.getInt();
        if (d != dimensions) {
            throw new IllegalArgumentException("state has " + d + " metrics, the definition " + dimensions);
        }
        long seen = b.getLong();
        long last = b.getLong();
        double[] calibration = new double[CALIBRATION_VALUES];
        for (int i = 0; i < CALIBRATION_VALUES; i++) {
            calibration[i] = b.getDouble();
        }
        int n = b.getInt();
        if (n < 0 || (long) n * d * 8 != b.remaining()) {
            throw new IllegalArgumentException("multivariate state is truncated or malformed");
        }
        double[][] window = new double[n][d];
        for (double[] point : window) {
            for (int j = 0; j < d; j++) {
                point[j] = b.getDouble();
            }
        }
        return new MultivariateState(window, seen, last, calibration);
    }
}
