package dev.vigil.detect;

/**
 * What a {@link SeasonalDetector} has learnt, as plain values: the one door through which the state codecs of
 * {@code dev.vigil.detect.state} read and rebuild a detector (as OpenSearch RCF's state mappers do for a forest),
 * so that the models know no byte of their serialisation. {@link #of} reads a live detector, {@link #toDetector}
 * builds one; arrays are copies either way.
 *
 * @param tails    the four tail models (point, shift, drift, slow), three doubles each: threshold, mean excess,
 *                 mean squared excess ({@link TailModel})
 * @param selected the model predicting the level: 0 none, 1 daily, 2 weekly, 3 fast level
 * @param events   the last three surprise events, newest first: their times with their side in the lowest bit
 *                 ({@link EventMark}), {@link #NO_EVENT} where there were fewer
 * @param range    the range test's memory ({@link RangeMemory})
 * @param daily    the daily profile's knots, or null without one; likewise {@code weekly}
 * @param volatility     the volatility test's EWMA of |z|, NaN before it has started (state from version 5 or older)
 * @param volatilityTail its tail model
 * @param lastAlarmScore the score of the last alarm (the alarm hold lets a critical one through after a lesser one)
 * @param dailyScale     the daily profile's gain and running mean square, or null without a daily profile (the
 *                       weekly profile has no gain)
 * @param origin         where the run of same-side points being followed started from, or null when none is
 *                       ({@link RunOrigin})
 */
public record SeasonalSnapshot(DetectorSettings settings, long count, long firstMillis, long lastMillis,
        double interval, double level, double levelDaily, double levelWeekly, double scale, double errNone,
        double errDaily, double errWeekly, byte selected, double shortMean, double peak, double[] tails, int streak,
        double streakSum, double bandFactor, double lastRaw, long lastRawMillis, long[] events, long lastAlarm,
        double cusumUp, double cusumDown, double slowSigma, double levelFast, double errFast, Range range,
        float[] daily, float[] weekly, double volatility, Tail volatilityTail, double lastAlarmScore,
        ProfileScale dailyScale, Origin origin) {

    /**
     * A state without the daily profile's gain (written before version 7): the gain starts at 1 and its running mean
     * square at the knots' ({@link ProfileScale#of}).
     */
    public SeasonalSnapshot(DetectorSettings settings, long count, long firstMillis, long lastMillis,
            double interval, double level, double levelDaily, double levelWeekly, double scale, double errNone,
            double errDaily, double errWeekly, byte selected, double shortMean, double peak, double[] tails, int streak,
            double streakSum, double bandFactor, double lastRaw, long lastRawMillis, long[] events, long lastAlarm,
            double cusumUp, double cusumDown, double slowSigma, double levelFast, double errFast, Range range,
            float[] daily, float[] weekly, double volatility, Tail volatilityTail, double lastAlarmScore) {
        this(settings, count, firstMillis, lastMillis, interval, level, levelDaily, levelWeekly, scale, errNone,
                errDaily, errWeekly, selected, shortMean, peak, tails, streak, streakSum, bandFactor, lastRaw,
                lastRawMillis, events, lastAlarm, cusumUp, cusumDown, slowSigma, levelFast, errFast, range, daily,
                weekly, volatility, volatilityTail, lastAlarmScore, ProfileScale.of(daily), null);
    }

    public SeasonalSnapshot {
        if ((daily == null) != (dailyScale == null)) {
            throw new IllegalArgumentException("a daily profile and its scale go together");
        }
    }

    /** No event remembered in that slot. */
    public static final long NO_EVENT = SeasonalState.NO_EVENT;
    /** Doubles in {@link #tails}: three for each of the four tail models. */
    public static final int TAILS = 12;
    /** How much better the fast level must predict to be selected ({@link SeasonalDetector#FAST_GAIN}). */
    public static final double FAST_GAIN = SeasonalDetector.FAST_GAIN;

    /** One tail model's three doubles. */
    public record Tail(double threshold, double mean, double square) {

        /** A tail model that has learnt nothing yet. */
        public static Tail prior() {
            TailModel prior = TailModel.ofResiduals();
            return new Tail(prior.threshold, prior.mean, prior.square);
        }

        /**
         * A tail model saved before thresholds followed a quantile, whose first double was its exceedance rate
         * P(z > 2), as a model of today: see {@link TailModel#thresholdOfRateModel}.
         */
        public static Tail ofRateModel(double rate, double mean, double square) {
            return new Tail(TailModel.thresholdOfRateModel(rate, mean, square), mean, square);
        }
    }

    /** A profile's gain and the running mean square of its shape ({@link SeasonalProfile}). */
    public record ProfileScale(float gain, float meanSquare) {

        /** The scale of a profile saved without one: gain 1, the mean square of its knots; null without a profile. */
        public static ProfileScale of(float[] knots) {
            return knots == null ? null : new ProfileScale(1, SeasonalProfile.meanSquareOf(knots));
        }

        static ProfileScale of(SeasonalProfile profile) {
            return profile == null ? null : new ProfileScale(profile.gain(), profile.meanSquare());
        }

        SeasonalProfile toProfile(long period, float[] knots) {
            return new SeasonalProfile(period, knots.clone(), gain, meanSquare);
        }
    }

    /**
     * A {@link RunOrigin} as plain values.
     *
     * @param before    the scale, then threshold, mean and square of the point, shift, drift, slow and volatility tails,
     *                  as they were before the run ({@link RunOrigin#VALUES} doubles)
     * @param shift     the level shift adopted since the run began, 0 while none has been
     * @param adoptedAt points seen when part of the run was last adopted
     * @param returns   consecutive points since then back at the level from before the run
     */
    public record Origin(double[] before, double shift, long adoptedAt, int returns) {

        public static final int VALUES = RunOrigin.VALUES;

        public Origin {
            if (before.length != VALUES || returns < 0) {
                throw new IllegalArgumentException("corrupt detector state (a run's origin with " + before.length
                        + " values, " + returns + " returns)");
            }
            before = before.clone();
        }

        @Override
        public double[] before() {
            return before.clone();
        }

        static Origin of(RunOrigin o) {
            return o == null ? null : new Origin(o.before(), o.shift, o.adoptedAt, o.returns);
        }

        RunOrigin toRunOrigin() {
            return new RunOrigin(before.clone(), shift, adoptedAt, returns);
        }
    }

    /** The range test's memory, as {@link RangeMemory} holds it; a consistent one or an IllegalArgumentException. */
    public record Range(double[] high, double[] low, byte current, byte blocks, int inBlock, double recent) {

        public static final int BLOCKS = RangeMemory.BLOCKS;
        public static final int BLOCK_POINTS = RangeMemory.BLOCK_POINTS;

        public Range {
            if (current < 0 || current >= BLOCKS || blocks < 1 || blocks > BLOCKS || inBlock < 0
                    || inBlock >= BLOCK_POINTS || high.length != BLOCKS || low.length != BLOCKS) {
                throw new IllegalArgumentException("corrupt detector state (range memory block " + current + " of "
                        + blocks + ", " + inBlock + " points)");
            }
        }

        /** A memory of no point. */
        public static Range empty() {
            return of(new RangeMemory());
        }

        static Range of(RangeMemory m) {
            return new Range(m.high.clone(), m.low.clone(), (byte) m.current, (byte) m.blocks, m.inBlock, m.recent);
        }

        void restore(RangeMemory m) {
            System.arraycopy(high, 0, m.high, 0, BLOCKS);
            System.arraycopy(low, 0, m.low, 0, BLOCKS);
            m.current = current;
            m.blocks = blocks;
            m.inBlock = inBlock;
            m.recent = recent;
            m.refresh();
        }
    }

    /** The state of a live detector. */
    public static SeasonalSnapshot of(SeasonalDetector d) {
        SeasonalState s = d.s;
        double[] tails = {s.pointTail.threshold, s.pointTail.mean, s.pointTail.square,
                s.shiftTail.threshold, s.shiftTail.mean, s.shiftTail.square,
                s.cusumTail.threshold, s.cusumTail.mean, s.cusumTail.square,
                s.slowTail.threshold, s.slowTail.mean, s.slowTail.square};
        long[] events = {s.lastEvent, s.priorEvent, s.oldestEvent};
        return new SeasonalSnapshot(d.settings(), s.count, s.firstMillis, s.lastMillis, s.interval, s.level,
                s.levelDaily, s.levelWeekly, s.scale, s.errNone, s.errDaily, s.errWeekly, s.selected,
                s.shortMean, s.peak, tails, s.streak, s.streakSum, s.bandFactor, s.lastRaw, s.lastRawMillis,
                events, s.lastAlarm, s.cusumUp, s.cusumDown, s.slowSigma, s.levelFast, s.errFast, Range.of(s.range),
                d.daily == null ? null : d.daily.knots().clone(), d.weekly == null ? null : d.weekly.knots().clone(),
                s.volatility, new Tail(s.volatilityTail.threshold, s.volatilityTail.mean, s.volatilityTail.square),
                s.lastAlarmScore, ProfileScale.of(d.daily), Origin.of(s.origin));
    }

    /** The same state with other tail-model doubles. */
    public SeasonalSnapshot withTails(double[] newTails) {
        return new SeasonalSnapshot(settings, count, firstMillis, lastMillis, interval, level, levelDaily,
                levelWeekly, scale, errNone, errDaily, errWeekly, selected, shortMean, peak, newTails, streak,
                streakSum, bandFactor, lastRaw, lastRawMillis, events, lastAlarm, cusumUp, cusumDown, slowSigma,
                levelFast, errFast, range, daily, weekly, volatility, volatilityTail, lastAlarmScore, dailyScale,
                origin);
    }

    /**
     * The same state with the fields version 6 added: the volatility test and the last alarm's score. States of
     * older versions carry NaN, the prior tail and 0 there: the test not started, a last alarm taken as not critical.
     */
    public SeasonalSnapshot withVolatility(double newVolatility, Tail newTail, double newLastAlarmScore) {
        return new SeasonalSnapshot(settings, count, firstMillis, lastMillis, interval, level, levelDaily,
                levelWeekly, scale, errNone, errDaily, errWeekly, selected, shortMean, peak, tails, streak,
                streakSum, bandFactor, lastRaw, lastRawMillis, events, lastAlarm, cusumUp, cusumDown, slowSigma,
                levelFast, errFast, range, daily, weekly, newVolatility, newTail, newLastAlarmScore, dailyScale,
                origin);
    }

    /** The same state with the daily profile's gain, which version 7 added (null without a daily profile). */
    public SeasonalSnapshot withDailyScale(ProfileScale newDailyScale) {
        return new SeasonalSnapshot(settings, count, firstMillis, lastMillis, interval, level, levelDaily,
                levelWeekly, scale, errNone, errDaily, errWeekly, selected, shortMean, peak, tails, streak,
                streakSum, bandFactor, lastRaw, lastRawMillis, events, lastAlarm, cusumUp, cusumDown, slowSigma,
                levelFast, errFast, range, daily, weekly, volatility, volatilityTail, lastAlarmScore, newDailyScale,
                origin);
    }

    /** The same state with the run being followed, which version 8 added (null when none is). */
    public SeasonalSnapshot withOrigin(Origin newOrigin) {
        return new SeasonalSnapshot(settings, count, firstMillis, lastMillis, interval, level, levelDaily,
                levelWeekly, scale, errNone, errDaily, errWeekly, selected, shortMean, peak, tails, streak,
                streakSum, bandFactor, lastRaw, lastRawMillis, events, lastAlarm, cusumUp, cusumDown, slowSigma,
                levelFast, errFast, range, daily, weekly, volatility, volatilityTail, lastAlarmScore, dailyScale,
                newOrigin);
    }

    /** A live detector in this state. */
    public SeasonalDetector toDetector() {
        SeasonalState s = new SeasonalState();
        s.count = count;
        s.firstMillis = firstMillis;
        s.lastMillis = lastMillis;
        s.interval = interval;
        s.level = level;
        s.levelDaily = levelDaily;
        s.levelWeekly = levelWeekly;
        s.peak = peak;
        TailModel[] models = {s.pointTail, s.shiftTail, s.cusumTail, s.slowTail};
        for (int k = 0; k < models.length; k++) {
            models[k].threshold = tails[3 * k];
            models[k].mean = tails[3 * k + 1];
            models[k].square = tails[3 * k + 2];
        }
        s.cusumUp = cusumUp;
        s.cusumDown = cusumDown;
        s.slowSigma = slowSigma;
        s.levelFast = levelFast;
        s.errFast = errFast;
        range.restore(s.range);
        s.scale = scale;
        s.errNone = errNone;
        s.errDaily = errDaily;
        s.errWeekly = errWeekly;
        s.selected = selected;
        s.shortMean = shortMean;
        s.streak = streak;
        s.streakSum = streakSum;
        s.bandFactor = bandFactor;
        s.lastRaw = lastRaw;
        s.lastRawMillis = lastRawMillis;
        s.lastEvent = events[0];
        s.priorEvent = events[1];
        s.oldestEvent = events[2];
        s.lastAlarm = lastAlarm;
        s.lastAlarmScore = lastAlarmScore;
        s.volatility = volatility;
        s.volatilityTail.threshold = volatilityTail.threshold();
        s.volatilityTail.mean = volatilityTail.mean();
        s.volatilityTail.square = volatilityTail.square();
        s.origin = origin == null ? null : origin.toRunOrigin();
        return new SeasonalDetector(settings, s,
                daily == null ? null : dailyScale.toProfile(SeasonalProfile.DAY, daily),
                weekly == null ? null : new SeasonalProfile(SeasonalProfile.WEEK, weekly.clone(), 1, 0));
    }
}
