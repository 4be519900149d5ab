package dev.vigil.detect.state;

import java.nio.ByteBuffer;

/** A seasonal profile's knots in every version's layout: the length (an int, -1 without a profile), then the floats. */
final class ProfileKnots {

    private static final int MAX_KNOTS = 10_000;

    private ProfileKnots() {
    }

    /** Bytes the knots take. */
    static int size(float[] knots) {
        return 4 + (knots == null ? 0 : 4 * knots.length);
    }

    static void write(ByteBuffer b, float[] knots) {
        b.putInt(knots == null ? -1 : knots.length);
        if (knots != null) {
            for (float f : knots) {
                b.putFloat(f);
            }
        }
    }

    static float[] read(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return null;
        }
        if (n > MAX_KNOTS) {
            throw new IllegalArgumentException("profile length " + n + " out of range");
        }
        float[] knots = new float[n];
        for (int i = 0; i < n; i++) {
            knots[i] = b.getFloat();
        }
        return knots;
    }
}
