package dev.vigil.detect;

import java.util.Arrays;

/**
 * A periodic profile: the typical offset from the level at each phase of a period (time of day, hour of
 * week), stored as equally spaced knots and read by linear interpolation so that irregular or coarse
 * sampling still lands between two learnt knots. Unvisited knots are NaN and read as 0.
 *
 * <p>The offset expected is the knots' shape times a <em>gain</em>: a daily pattern scales more often than it shifts
 * (traffic 30 % lower at the weekend is the whole curve times 0.7, not the curve minus a constant), and a level alone
 * cannot follow that. The gain is a normalised least-mean-squares regression of the prediction error on the shape,
 * at a quarter of the level's rate (the level takes shifts first, the gain what a shift cannot explain), normalised
 * by the running mean square of the shape where it was read, kept in [{@link #MIN_GAIN}, {@link #MAX_GAIN}]. The detector
 * moves only the daily profile's gain (see {@code SeasonalDetector#dailyGainRate}); a weekly profile's stays 1.
 */
final class SeasonalProfile {

    static final long DAY = 86_400_000L;
    static final long WEEK = 7 * DAY;
    /** The gain's rate as a share of the level's rate. */
    static final double GAIN_SHARE = 0.25;
    static final double MIN_GAIN = 0.2;
    static final double MAX_GAIN = 2.0;

    private final long periodMillis;
    private final float[] knots;
    private float gain;
    /** Running mean square of the shape where it was read: the gain's step is normalised by it. */
    private float meanSquare;
    // Scratch position set by locate(); not state (recomputed for every point). The next knot is derived.
    private int i0;
    private float f;

    SeasonalProfile(long periodMillis, int knotCount) {
        this(periodMillis, newEmpty(knotCount), 1, 0);
    }

    SeasonalProfile(long periodMillis, float[] knots, float gain, float meanSquare) {
        this.periodMillis = periodMillis;
        this.knots = knots;
        this.gain = gain;
        this.meanSquare = meanSquare;
    }

    private static float[] newEmpty(int n) {
        float[] k = new float[n];
        Arrays.fill(k, Float.NaN);
        return k;
    }

    /**
     * The mean square of a profile's learnt knots: where a state saved before profiles had a gain starts the
     * running mean square (its gain starts at 1), so the gain's first steps are normalised as later ones are.
     */
    static float meanSquareOf(float[] knots) {
        double sum = 0;
        int learnt = 0;
        for (float k : knots) {
            if (!Float.isNaN(k)) {
                sum += (double) k * k;
                learnt++;
            }
        }
        return learnt == 0 ? 0 : (float) (sum / learnt);
    }

    long periodMillis() {
        return periodMillis;
    }

    float[] knots() {
        return knots;
    }

    float gain() {
        return gain;
    }

    float meanSquare() {
        return meanSquare;
    }

    /**
     * Positions the profile at an instant; {@link #value()} and {@link #learn} then work there. Split out
     * because the long division behind the phase is the costliest step and every point needs it only once.
     */
    void locate(long epochMillis) {
        double pos = position(epochMillis);
        i0 = (int) pos;
        f = (float) (pos - i0);
    }

    /** Offset expected at the located instant: the shape times the gain. */
    double value() {
        return gain * shape();
    }

    /** The knots' interpolated value at the located instant, before the gain. */
    private double shape() {
        return (1 - f) * knot(i0) + f * knot(next(i0));
    }

    /**
     * Learns from the (clipped) error of the located prediction: the running mean square of the shape at
     * {@code squareRate}, the gain at {@code gainRate} (0: the gain holds; see SeasonalDetector#dailyGainRate), then the
     * two surrounding knots at {@code knotRate}, in units of the shape, in proportion to their interpolation weight.
     */
    void learn(double error, double knotRate, double squareRate, double gainRate) {
        double shape = shape();
        meanSquare += (float) (squareRate * (shape * shape - meanSquare));
        if (gainRate > 0 && meanSquare > 0) {
            gain = (float) Math.max(MIN_GAIN, Math.min(MAX_GAIN, gain + gainRate * error * shape / meanSquare));
        }
        double target = shape + error / gain;
        nudge(i0, target, knotRate * (1 - f));
        nudge(next(i0), target, knotRate * f);
    }

    private int next(int i) {
        return i + 1 == knots.length ? 0 : i + 1;
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
