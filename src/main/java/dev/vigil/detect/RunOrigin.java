package dev.vigil.detect;

/**
 * Where a run of same-side points started from: the noise scale and the five tail models as they were before the
 * run, kept while the run lasts and, once re-baselining has adopted it as a new level, for an alarm hold's worth of
 * points more. If the values come back to the level from before the run within that time, the run was a temporary
 * change (an incident that ended: a runaway process, a stalled dependency), not a level shift: the levels go back
 * and the scale and the tails are put back as they were, because the run's points were the incident's, not the
 * noise's. Without it the incident stayed in sigma and in the tails for hours to days, and the next incident went
 * unseen (BENCHMARKS.md, "After an incident"). Held only while a run is followed: most series, most of the time,
 * hold none.
 */
final class RunOrigin {

    /** Scale, then threshold, mean and square of the point, shift, CUSUM, slow and volatility tails. */
    static final int VALUES = 16;

    private final double[] before;
    /** The level shift re-baselining adopted since the run began (0 while it has not). */
    double shift;
    /** Points the detector had seen when it last adopted part of the run. */
    long adoptedAt;
    /** Consecutive points since then that are back at the level from before the run. */
    int returns;

    /** Takes {@code before} ({@link #VALUES} values, checked by {@link SeasonalSnapshot.Origin}) as its own. */
    RunOrigin(double[] before, double shift, long adoptedAt, int returns) {
        this.before = before;
        this.shift = shift;
        this.adoptedAt = adoptedAt;
        this.returns = returns;
    }

    static RunOrigin of(SeasonalState s) {
        double[] v = new double[VALUES];
        v[0] = s.scale;
        TailModel[] tails = tails(s);
        for (int k = 0; k < tails.length; k++) {
            v[1 + 3 * k] = tails[k].threshold;
            v[2 + 3 * k] = tails[k].mean;
            v[3 + 3 * k] = tails[k].square;
        }
        return new RunOrigin(v, 0, 0, 0);
    }

    boolean adopted() {
        return shift != 0;
    }

    /** Puts the scale (if the run inflated it) and the tails back as they were before the run. */
    void restoreInto(SeasonalState s) {
        s.scale = Math.min(s.scale, before[0]);
        TailModel[] tails = tails(s);
        for (int k = 0; k < tails.length; k++) {
            tails[k].threshold = before[1 + 3 * k];
            tails[k].mean = before[2 + 3 * k];
            tails[k].square = before[3 + 3 * k];
        }
    }

    /** The values from before the run, not to be changed ({@link SeasonalSnapshot.Origin} copies them). */
    double[] before() {
        return before;
    }

    private static TailModel[] tails(SeasonalState s) {
        return new TailModel[] {s.pointTail, s.shiftTail, s.cusumTail, s.slowTail, s.volatilityTail};
    }
}
