package dev.vigil.detect;

/** The live scalars of a {@link SeasonalDetector}; mutable on purpose (hot path, one owner). */
final class SeasonalState {
    static final long NO_EVENT = Long.MIN_VALUE;
    long count;
    long firstMillis;
    long lastMillis;
    double interval;
    double level;
    double levelDaily;
    double levelWeekly;
    /** Level of the fast candidate model (selected = 3) and its one-step mean absolute error. */
    double levelFast;
    double scale;
    double errNone;
    double errDaily;
    double errWeekly;
    double errFast;
    byte selected;
    double shortMean;
    double peak;
    int streak;
    double streakSum;
    /** The state before the current run of same-side points, while it is followed; null otherwise. */
    RunOrigin origin;
    double bandFactor = 1.0;
    double lastRaw = Double.NaN;
    long lastRawMillis;
    /** Last three distinct surprise events ({@link EventMark}: time and side), newest first; NO_EVENT when fewer. */
    long lastEvent = NO_EVENT;
    long priorEvent = NO_EVENT;
    long oldestEvent = NO_EVENT;
    /** Time of the last score at or above the shipped threshold (alarm hold); NO_EVENT before the first. */
    long lastAlarm = NO_EVENT;
    /** Score of that alarm: a critical score breaks through the hold only if the alarm was not critical. */
    double lastAlarmScore;
    final TailModel pointTail = TailModel.ofResiduals();
    final TailModel shiftTail = TailModel.ofSums();
    /** One-sided CUSUM sums of clipped z (drift test), upward and downward; reset on re-baselining. */
    double cusumUp;
    double cusumDown;
    final TailModel cusumTail = TailModel.ofSums();
    /** Slow noise level (EWMA of sigma) and the tail of residuals measured against it (two-scale spike test). */
    double slowSigma;
    final TailModel slowTail = TailModel.ofResiduals();
    /** Volatility test: EWMA of clipped |z| (NaN until the detector sets its centre) and its tail model. */
    double volatility = Double.NaN;
    final TailModel volatilityTail = TailModel.ofSums();
    /** Range novelty test: highest and lowest value of the last few thousand points. */
    final RangeMemory range = new RangeMemory();

    void start(long t, double value) {
        firstMillis = t;
        lastMillis = t;
        level = value;
        levelDaily = value;
        levelWeekly = value;
        levelFast = value;
        count = 1;
        range.learn(value, 0);
    }
}
