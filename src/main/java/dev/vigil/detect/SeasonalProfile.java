package dev.vigil.detect;

import java.util.Arrays;

/**
 * A periodic profile: the typical offset from the level at each phase of a period (time of day, hour of
 * week), stored as equally spaced knots and read by linear interpolation so that irregular or coarse
 * sampling still lands between two learnt knots. Unvisited knots are NaN and read as 0.
 */
final class SeasonalProfile {

    static final long DAY = 86_400_000L;
    static final long WEEK = 7 * DAY;

    private final long periodMillis;
    private final float[] knots;
    // Scratch position set by locate(); not state (recomputed for every point).
    private int i0;
    private int i1;
    private double f;

    SeasonalProfile(long periodMillis, int knotCount) {
        this(periodMillis, newEmpty(knotCount));
    }

    SeasonalProfile(long periodMillis, float[] knots) {
        this.periodMillis = periodMillis;
        this.knots = knots;
    }

    private static float[] newEmpty(int n) {
        float[] k = new float[n];
        Arrays.fill(k, Float.NaN);
        return k;
    }

    long periodMillis() {
        return periodMillis;
    }

    float[] knots() {
        return knots;
    }

    /**
     * Positions the profile at an instant; {@link #value()} and {@link #learn} then work there. Split out
     * because the long division behind the phase is the costliest step and every point needs it only once.
     */
    void locate(long epochMillis) {
        double pos = position(epochMillis);
        i0 = (int) pos;
        f = pos - i0;
        i1 = i0 + 1 == knots.length ? 0 : i0 + 1;
    }

    /** Offset expected at the located instant. */
    double value() {
        return (1 - f) * knot(i0) + f * knot(i1);
    }

    /** Moves the two surrounding knots towards {@code target} in proportion to their interpolation weight. */
    void learn(double target, double rate) {
        nudge(i0, target, rate * (1 - f));
        nudge(i1, target, rate * f);
    }

    private void nudge(int i, double target, double weight) {
        float k = knots[i];
        // First visit: take the observation as is, otherwise a fresh profile needs many periods to fill.
        knots[i] = Float.isNaN(k) ? (float) target : (float) (k + weight * (target - k));
    }

    private double knot(int i) {
        float k = knots[i];
        return Float.isNaN(k) ? 0.0 : k;
    }

    private double position(long epochMillis) {
        // Knot i sits at the centre of its slot; floorMod keeps pre-1970 timestamps in range.
        // (no field for the knot's length: 8 bytes per profile on the heap, and one division is as fast)
        double phase = Math.floorMod(epochMillis, periodMillis) / ((double) periodMillis / knots.length) - 0.5;
        return phase < 0 ? phase + knots.length : phase;
    }
}
