package dev.vigil.detect;

import dev.vigil.core.Direction;

/**
 * Vigil's default univariate detector ({@code algorithm: seasonal}). O(1) work and about 1 KB of state per
 * series. Expectation = robust EWMA level + the selected periodic profile (none, time-of-day or
 * hour-of-week, picked by one-step prediction error), or, for random-walk-like series, a fast level;
 * spread = robust EWMA sigma with outlier clipping.
 * Trends are followed by the level (its lag is absorbed by sigma and the calibrated tail) and by
 * re-baselining; an explicit Holt trend term measured worse on NAB (see docs/detection.md).
 * Two sides per point, combined by {@link Scoring}: the point side, the smaller p of the point's own z (spikes;
 * a spike more than 8 sigmas out must also be extreme against the slow noise level, see {@link #lnSpike}) and
 * of the range test ({@link RangeMemory}: a value beyond everything in the last few thousand points), and the
 * shift side, the smaller p of a short EWMA of z (shifts), a short-memory CUSUM of z (slow drifts) and a short EWMA of
 * |z| (volatility: the noise grows while the level holds, {@link #volatility}). A run of
 * {@code rebaseline} same-side points is accepted as the new level, and undone if the values come back to the
 * level from before it within an alarm hold (a temporary change: {@link RunOrigin}).
 * One report per incident ({@link IncidentFilter}): non-maximum suppression, a recurrence memory that halves
 * spikes returning at a remembered rhythm, and an alarm hold for the points right after an alarm.
 * See docs/detection.md for the reasoning behind each constant.
 */
public final class SeasonalDetector implements Detector {

    static final double LEVEL_ALPHA = 0.02;
    static final double SCALE_ALPHA = 0.02;
    /** Smoothing of the models' one-step mean absolute errors (selection and Huber clipping): ~200 points. */
    static final double ERROR_ALPHA = 0.005;
    /**
     * Level of the fast candidate model: for random-walk-like series (temperatures, slowly wandering gauges)
     * the recent values predict the next one better than a 50-point average does.
     */
    static final double FAST_ALPHA = 0.1;
    /**
     * The fast level replaces the plain level only if it cuts the one-step mean absolute error by this factor:
     * on white noise it is worse (its own jitter), so only clearly wandering series switch to it.
     */
    static final double FAST_GAIN = 0.8;
    /** Index of the fast-level candidate model in {@code s.selected}. */
    static final int FAST_MODEL = 3;
    /**
     * Learning rate of a profile knot per point at 5-minute sampling, once the profile has seen 10 periods (see
     * {@link #knotRates}); faster sampling spreads it over its points ({@link #seasonRate}).
     */
    static final double SEASON_RATE = 0.1;
    /** The sampling interval at which the knots' rates are per point: NAB's 5 minutes, where they were measured. */
    static final double SEASON_RATE_INTERVAL_MILLIS = 300_000;
    /** Periods after which 1 / (1 + periods) has fallen to {@code SEASON_RATE}. */
    private static final int SEASON_RAMP_PERIODS = (int) Math.round(1 / SEASON_RATE - 1);
    /** A knot's rate at 5-minute sampling by whole periods seen ({@link #knotRates}), and ln(1 - rate) of each. */
    private static final double[] KNOT_RATES = knotRates();
    private static final double[] LN_KNOT_KEEPS = lnKeeps(KNOT_RATES);
    static final double SHORT_ALPHA = 0.2;
    /** z is clipped at this before entering the shift statistic, so one wild point cannot fake a shift. */
    static final double SHIFT_CLIP = 10.0;
    static final double CLIP_SIGMAS = 3.5;
    static final double STREAK_SIGMAS = 2.0;
    /** A profile must cut the mean absolute error by this factor to be selected (hysteresis). */
    static final double SEASON_GAIN = 0.85;
    /** Drift test: CUSUM reference value k in sigmas; a drift of more than k sigmas per point accumulates. */
    static final double CUSUM_K = 0.5;
    /** Per-point decay of the CUSUM sums (memory ~ 33 points), so old small deviations fade. */
    static final double CUSUM_DECAY = 0.97;
    /** z is clipped at this before entering the CUSUM: spikes belong to the point test. */
    static final double CUSUM_CLIP = 4.0;
    /** The CUSUM sum is divided by this before calibration, so its tail starts at a sum of 6 (TailModel.U = 2). */
    static final double CUSUM_NORM = 3.0;
    /**
     * Two-scale spike test: per-point decay of the slow noise level, an EWMA of sigma with a memory of about
     * 200 points.
     */
    static final double SLOW_SIGMA_ALPHA = 0.005;
    /** A point this many sigmas out is a spike: it must also be extreme against the slow noise level. */
    static final double SPIKE_SIGMAS = 8.0;
    /** Volatility test: per-point weight of the EWMA of |z| (memory ~10 points). */
    static final double VOLATILITY_ALPHA = 0.1;
    /** |z| is clipped at this before entering the volatility statistic: a single spike belongs to the point test. */
    static final double VOLATILITY_CLIP = 4.0;
    /** E|z| and the sd of an EWMA of |z| for z ~ N(0, 1): the volatility statistic's centre and unit, two-sided. */
    private static final double ABS_Z_MEAN = Math.sqrt(2 / Math.PI);
    private static final double ABS_Z_EWMA_SD = Math.sqrt(1 - 2 / Math.PI) * ewmaSd(VOLATILITY_ALPHA);
    /** The same for max(z, 0), one-sided. */
    private static final double EXCURSION_MEAN = 1 / Math.sqrt(2 * Math.PI);
    private static final double EXCURSION_EWMA_SD = Math.sqrt(0.5 - 1 / (2 * Math.PI)) * ewmaSd(VOLATILITY_ALPHA);
    static final int DAILY_KNOTS = 96;
    static final int WEEKLY_KNOTS = 168;
    /** Standard deviation of an EWMA(alpha) of unit-variance noise: normalises the shift statistic. */
    private static final double SHORT_SD = ewmaSd(SHORT_ALPHA);
    private static final double MAD_TO_SIGMA = Math.sqrt(Math.PI / 2);

    private final DetectorSettings settings;
    private final Scoring scoring;
    final SeasonalProfile daily;
    final SeasonalProfile weekly;
    final SeasonalState s;

    public SeasonalDetector(DetectorSettings settings) {
        this(settings, new SeasonalState(), newProfile(settings, SeasonalProfile.DAY),
                newProfile(settings, SeasonalProfile.WEEK));
    }

    SeasonalDetector(DetectorSettings settings, SeasonalState state, SeasonalProfile daily,
                     SeasonalProfile weekly) {
        this.settings = settings;
        this.scoring = new Scoring(settings);
        this.s = state;
        this.daily = daily;
        this.weekly = weekly;
        if (Double.isNaN(s.volatility)) {
            s.volatility = volatilityCentre(); // a new detector, or state from before the volatility test
        }
    }

    private static SeasonalProfile newProfile(DetectorSettings settings, long period) {
        Seasonality want = period == SeasonalProfile.DAY ? Seasonality.DAILY : Seasonality.WEEKLY;
        boolean needed = settings.seasonality() == Seasonality.AUTO || settings.seasonality() == want;
        return needed ? new SeasonalProfile(period, want == Seasonality.DAILY ? DAILY_KNOTS : WEEKLY_KNOTS) : null;
    }

    public DetectorSettings settings() {
        return settings;
    }

    /**
     * How many points it has learnt from since it started: a detector restored from its state counts its past too,
     * so after a hand-over this equals the points of the series read once each (what the fault tests check).
     */
    public long learntPoints() {
        return s.count;
    }

    @Override
    public AnomalyScore score(long epochMillis, double raw) {
        double value = settings.valueKind() == ValueKind.COUNTER ? counterRate(epochMillis, raw) : raw;
        if (!Double.isFinite(value)) {
            return AnomalyScore.skipped(s.level);
        }
        if (s.count == 0) {
            s.start(epochMillis, value);
            return AnomalyScore.warmingUp(value, value, value);
        }
        double steps = advanceClock(epochMillis);
        if (daily != null) {
            daily.locate(epochMillis);
        }
        if (weekly != null) {
            weekly.locate(epochMillis);
        }
        double expected = predict(s.selected);
        double sigma = sigma() * gapFactor(steps);
        if (!(s.slowSigma > 0)) {
            s.slowSigma = sigma; // first scored point, or state from before the two-scale test
        }
        double halfBand = s.pointTail.zAt(scoring.lnPAtThreshold(s.interval), learnt()) * sigma;
        double r = value - expected;
        AnomalyScore result = s.count < settings.warmUpPoints()
                ? AnomalyScore.warmingUp(expected, expected - halfBand, expected + halfBand)
                : judge(epochMillis, value, sigma, r / sigma, r / s.slowSigma, expected, halfBand);
        learn(epochMillis, value, r, sigma, steps);
        return result;
    }

    private AnomalyScore judge(long t, double value, double sigma, double z, double zSlow, double expected,
                               double halfBand) {
        double lnPoint = lnSpike(settings.direction().oriented(z), settings.direction().oriented(zSlow));
        // The range test is a second point statistic: a new extreme of the series' memory (its p joins the point side).
        // Feedback weighs its evidence as it does z's: ln p divided by the band factor.
        if (rangeApplies()) {
            lnPoint = Math.min(lnPoint, s.range.lnNovelty(value, sigma, settings.direction()) / s.bandFactor);
        }
        double shortMean = s.shortMean + SHORT_ALPHA * (clamp(z, SHIFT_CLIP) - s.shortMean);
        double lnShift = s.shiftTail.lnTail(settings.direction().oriented(shortMean / SHORT_SD), learnt());
        // The drift test is a second shift statistic (its calibrated p joins the shift side of the minimum).
        lnShift = Math.min(lnShift, s.cusumTail.lnTail(drift(cusumUp(z), cusumDown(z)), learnt()));
        // The volatility test is a third shift statistic, calibrated by its own tail like the other two.
        lnShift = Math.min(lnShift, s.volatilityTail.lnTail(volatilityStatistic(volatility(z)), learnt()));
        double score = IncidentFilter.filter(s, t, scoring.score(lnPoint, lnShift, s.interval, age()), z > 0);
        Component component = score == 0 ? Component.NONE : lnPoint <= lnShift ? Component.POINT : Component.SHIFT;
        double lower = expected - halfBand;
        double upper = expected + halfBand;
        if (rangeApplies() && s.range.armedAt(rangeArmedP())) { // the band is where no test fires: the range test narrows it
            Direction d = settings.direction();
            lower = d == Direction.UP ? lower : Math.max(lower, Math.min(s.range.lowerEdge(sigma), expected));
            upper = d == Direction.DOWN ? upper : Math.min(upper, Math.max(s.range.upperEdge(sigma), expected));
        }
        return new AnomalyScore(score, expected, lower, upper, Status.SCORED, component);
    }

    /**
     * The record probability 2 / (n + 1) holds for exchangeable values. A series predicted by its last values (the
     * fast level selected: a random walk, a wandering temperature) sets records far more often than that; its
     * range says nothing about its next value.
     */
    private boolean rangeApplies() {
        return s.selected != FAST_MODEL;
    }

    /**
     * Point test, on two scales for spikes. In an intermittent series (disk writes, key presses, bursts of
     * traffic) the robust sigma is set by the quiet baseline and collapses between bursts, so every burst's
     * spike reaches a z of 10^2-10^6 and the point tail cannot tell one that is ordinary for the series from one
     * that is not. A point more than {@code SPIKE_SIGMAS} out is therefore also measured against the slow noise
     * level (an EWMA of sigma, memory ~200 points) under its own calibrated tail, and the larger p of the two
     * counts: a spike is news only if it is extreme against both the current and the slow noise level. Below
     * {@code SPIKE_SIGMAS} the point test is unchanged; where sigma is steady the two p are about equal. 32 bytes
     * of state (the slow level and its tail model).
     */
    private double lnSpike(double z, double zSlow) {
        double lnPoint = s.pointTail.lnTail(z, learnt());
        return z > SPIKE_SIGMAS ? Math.max(lnPoint, s.slowTail.lnTail(zSlow, learnt())) : lnPoint;
    }

    /**
     * Drift test: a two-sided CUSUM of clipped z with a short memory (decay 0.97). The shift EWMA reacts to a
     * jump within a few points but a slow drift of about one sigma stays under its tail for long enough that
     * the level follows it; the CUSUM adds up the small same-side excess and reaches its calibrated tail at
     * the onset of such a drift. Calibrated per series by its own {@link TailModel}, reset on re-baselining.
     */
    private double cusumUp(double z) {
        return Math.max(0, CUSUM_DECAY * s.cusumUp + clamp(z, CUSUM_CLIP) - CUSUM_K);
    }

    private double cusumDown(double z) {
        return Math.max(0, CUSUM_DECAY * s.cusumDown - clamp(z, CUSUM_CLIP) - CUSUM_K);
    }

    private double drift(double up, double down) {
        double v = switch (settings.direction()) {
            case UP -> up;
            case DOWN -> down;
            case BOTH -> Math.max(up, down);
        };
        return v / CUSUM_NORM;
    }

    /**
     * Volatility test: an EWMA (memory ~10 points) of |z| clipped at {@code VOLATILITY_CLIP} (for a one-sided
     * definition, of the excursions on its side). When the noise grows while the level holds (a volatility burst, an
     * oscillation that sets in, a service starting to flap) the other tests stay quiet: the excursions go both ways,
     * so the shift EWMA and the CUSUM cancel out, no single point is extreme, and sigma (memory ~50 points) widens
     * the band within a few dozen points. Within those points this average is already well above its centre.
     * Calibrated per series by its own {@link TailModel} (exponential tail: an average of bounded values).
     */
    private double volatility(double z) {
        double excursion = settings.direction() == Direction.BOTH ? Math.abs(z)
                : Math.max(settings.direction().oriented(z), 0);
        return s.volatility + VOLATILITY_ALPHA * (Math.min(excursion, VOLATILITY_CLIP) - s.volatility);
    }

    /** The volatility EWMA in standard deviations above its value on Gaussian noise. */
    private double volatilityStatistic(double volatility) {
        return (volatility - volatilityCentre())
                / (settings.direction() == Direction.BOTH ? ABS_Z_EWMA_SD : EXCURSION_EWMA_SD);
    }

    private double volatilityCentre() {
        return settings.direction() == Direction.BOTH ? ABS_Z_MEAN : EXCURSION_MEAN;
    }

    /** Values the tail models have learnt from so far: the first z's only measure an unlearnt model. */
    private long learnt() {
        return s.count - settings.warmUpPoints() / 3;
    }

    /** Level + profile of candidate model k (0 none, 1 daily, 2 weekly, 3 fast level). */
    private double predict(int k) {
        return switch (k) {
            case 1 -> s.levelDaily + daily.value();
            case 2 -> s.levelWeekly + weekly.value();
            case 3 -> s.levelFast;
            default -> s.level;
        };
    }

    private void learn(long t, double value, double r, double sigma, double steps) {
        double z = r / sigma;
        if (s.streak == 1 && s.origin == null) {
            followRun(z);
        }
        s.range.learn(value, sigma);
        learnTests(z, r, sigma);
        double a = Math.max(alpha(LEVEL_ALPHA, steps), 1.0 / (s.count + 1));
        double as = Math.max(SCALE_ALPHA, 1.0 / (s.count + 1));
        s.scale += as * (Math.min(Math.abs(r) * MAD_TO_SIGMA, 4 * sigma) - s.scale);
        learnModels(value, a, Math.max(alpha(FAST_ALPHA, steps), 1.0 / (s.count + 1)));
        if (s.origin != null) {
            watchReturn(r);
        }
        trackStreak(z, r);
        chooseSeason(t);
        s.count++;
    }

    /** The tests' statistics and their tail models learn from this point's z. */
    private void learnTests(double z, double r, double sigma) {
        s.shortMean += SHORT_ALPHA * (clamp(z, SHIFT_CLIP) - s.shortMean);
        long n = learnt();
        if (n >= 0) { // the first z's only measure an unlearnt model
            s.pointTail.learn(settings.direction().oriented(z), n);
            s.shiftTail.learn(settings.direction().oriented(s.shortMean / SHORT_SD), n);
            s.slowTail.learn(settings.direction().oriented(r / s.slowSigma), n);
        }
        s.slowSigma += SLOW_SIGMA_ALPHA * (sigma - s.slowSigma);
        s.cusumUp = cusumUp(z);
        s.cusumDown = cusumDown(z);
        s.volatility = volatility(z);
        if (n >= 0) {
            s.cusumTail.learn(drift(s.cusumUp, s.cusumDown), n);
            s.volatilityTail.learn(volatilityStatistic(s.volatility), n);
        }
    }

    /**
     * Every candidate model learns from its own error, with its own level: the model chosen later has no
     * switching transient, and its error EWMA is an honest one-step prediction error.
     */
    private void learnModels(double value, double a, double aFast) {
        double aErr = Math.max(ERROR_ALPHA, 1.0 / (s.count + 1));
        double e0 = value - s.level;
        s.errNone += aErr * (Math.abs(e0) - s.errNone);
        s.level += a * clampTo(e0, s.errNone);
        if (settings.seasonality() == Seasonality.AUTO) { // the only mode that selects among the models
            double e3 = value - s.levelFast;
            s.errFast += aErr * (Math.abs(e3) - s.errFast);
            s.levelFast += aFast * clampTo(e3, s.errFast);
        }
        if (daily != null) {
            double e1 = value - s.levelDaily - daily.value();
            s.errDaily += aErr * (Math.abs(e1) - s.errDaily);
            double c = clampTo(e1, s.errDaily);
            s.levelDaily += a * c;
            daily.learn(c, seasonRate(SeasonalProfile.DAY), a, dailyGainRate(a));
        }
        if (weekly != null) {
            double e2 = value - s.levelWeekly - weekly.value();
            s.errWeekly += aErr * (Math.abs(e2) - s.errWeekly);
            double c = clampTo(e2, s.errWeekly);
            s.levelWeekly += a * c;
            weekly.learn(c, seasonRate(SeasonalProfile.WEEK), 0, 0); // its shape holds the weekend: no gain
        }
    }

    /**
     * The daily profile's gain moves while the daily model is the one selected, after the profile has seen two days:
     * before that the knots are still being filled and an error says nothing about the pattern's scale, and while
     * another model predicts, a free gain would only fit noise (on a random walk it let the daily model take over
     * from the fast level). Only the daily profile has a gain: a weekly profile's shape already holds the weekend, and
     * measured with a gain it lost a NAB window at the threshold's edge (BENCHMARKS.md, session 11).
     */
    private double dailyGainRate(double levelRate) {
        return s.selected == 1 && age() >= 2 * SeasonalProfile.DAY
                ? SeasonalProfile.GAIN_SHARE * levelRate : 0;
    }

    /**
     * A profile knot's learning rate per point. The rates were measured at 5-minute sampling ({@link #KNOT_RATES});
     * applied per point at 10 s, the 90 points of one visit to a 15-minute knot moved it all the way to the last
     * minutes' values, so a profile forgot the days before within one visit and became a second fast level: on a
     * random walk sampled every 10 s a daily or weekly profile, chasing the wander, was the model selected for 94 % of
     * the points instead of the fast level (BENCHMARKS.md, session 14). Sampled faster than every 5 minutes, a knot now
     * learns per unit of time what it learns at 5 minutes: rate r per 5 minutes is {@code 1 - (1 - r)^(interval / 5
     * min)} per point. Sampled every 5 minutes or slower, the rate is per point, as measured.
     */
    private double seasonRate(long period) {
        int periods = periodsLearnt(period);
        return s.interval > 0 && s.interval < SEASON_RATE_INTERVAL_MILLIS
                ? -Math.expm1(s.interval / SEASON_RATE_INTERVAL_MILLIS * LN_KNOT_KEEPS[periods])
                : KNOT_RATES[periods];
    }

    /** Whole periods the series has lasted, up to {@code SEASON_RAMP_PERIODS}: the index into {@link #KNOT_RATES}. */
    private int periodsLearnt(long period) {
        long age = age();
        return age >= SEASON_RAMP_PERIODS * period ? SEASON_RAMP_PERIODS : (int) (age / period);
    }

    /**
     * How long the series has been observed: its last timestamp minus its first (not the current point's: a late point
     * may be older than the first).
     */
    private long age() {
        return s.lastMillis - s.firstMillis;
    }

    /**
     * A profile knot's learning rate at 5-minute sampling after k whole periods: the running mean of the periods seen
     * so far (1 in the first, 1/2 in the second, 1/3 in the third), then {@code SEASON_RATE} from the tenth on. With
     * the fixed rate from the start a strong daily pattern took a week or more to be learnt (each knot moving a tenth
     * of a clipped error per visit), and meanwhile the level, chasing the pattern, biased the expectation in every
     * phase: a pattern that broke in its second week went unseen. Indexed by {@link #periodsLearnt}, which is derived
     * from the series' first and last timestamps, so no state.
     */
    private static double[] knotRates() {
        double[] rates = new double[SEASON_RAMP_PERIODS + 1];
        for (int k = 0; k < rates.length; k++) {
            rates[k] = Math.max(SEASON_RATE, 1.0 / (1 + k));
        }
        return rates;
    }

    /** ln(1 - r) of each of {@link #KNOT_RATES} (-infinity for the first period's 1: the point is taken as is). */
    private static double[] lnKeeps(double[] rates) {
        double[] keeps = new double[rates.length];
        for (int k = 0; k < rates.length; k++) {
            keeps[k] = Math.log1p(-rates[k]);
        }
        return keeps;
    }

    /** Huber-style clipping of an error at CLIP_SIGMAS sigmas, sigma estimated from a mean absolute error. */
    private double clampTo(double error, double meanAbsError) {
        return clamp(error, CLIP_SIGMAS * MAD_TO_SIGMA * Math.max(meanAbsError, floor()));
    }

    /** A run of same-side points far enough out is a level shift: adopt it as the new normal. */
    private void trackStreak(double z, double r) {
        if (Math.abs(z) < STREAK_SIGMAS || (s.streak != 0 && Math.signum(z) != Math.signum(s.streakSum))) {
            s.streak = Math.abs(z) < STREAK_SIGMAS ? 0 : 1;
            s.streakSum = s.streak == 0 ? 0 : r;
            if (s.origin != null) {
                forgetUnadoptedRun();
            }
            return;
        }
        s.streak++;
        s.streakSum += r;
        if (s.streak >= settings.rebaseline()) {
            double shift = s.streakSum / s.streak;
            shiftLevels(shift);
            if (s.origin != null) {
                s.origin.shift += shift;
                s.origin.adoptedAt = s.count;
                s.origin.returns = 0;
            }
        }
    }

    /** A run that ended without being adopted: its points were the noise's, learnt as such. */
    private void forgetUnadoptedRun() {
        if (!s.origin.adopted()) {
            s.origin = null;
        }
    }

    /**
     * Remembers where a run started from, at its second point (a single point past 2 sigmas is common noise and is
     * learnt as any point is; from the second on the run may be a level shift or an incident).
     */
    private void followRun(double z) {
        if (Math.abs(z) >= STREAK_SIGMAS && Math.signum(z) == Math.signum(s.streakSum)) {
            s.origin = RunOrigin.of(s);
        }
    }

    /**
     * Temporary change or level shift: for {@link IncidentFilter#ALARM_HOLD_INTERVALS} points after re-baselining
     * adopted a run, the level from before it stays a second hypothesis. When {@link #returnPoints} consecutive
     * points are back on the far side of the adopted level, closer to the old level than half their distance from
     * the new one, the run was an incident that ended: the levels go back and the scale and tails are restored
     * ({@link RunOrigin}). A return needs a quarter of the points an adoption does: it goes back to a level the series
     * has already shown. Past the hold the shift stands, and what the tails learnt of it stays learnt.
     */
    private void watchReturn(double r) {
        RunOrigin origin = s.origin;
        if (!origin.adopted()) {
            return; // the run is still under way
        }
        if (s.count - origin.adoptedAt > IncidentFilter.ALARM_HOLD_INTERVALS) {
            s.origin = null;
            return;
        }
        double fromOrigin = r + origin.shift; // the residual had the shift not been adopted
        boolean back = Math.signum(r) == -Math.signum(origin.shift) && Math.abs(fromOrigin) < 0.5 * Math.abs(r);
        origin.returns = back ? origin.returns + 1 : 0;
        if (origin.returns >= returnPoints()) {
            shiftLevels(-origin.shift);
            origin.restoreInto(s);
            s.origin = null;
        }
    }

    private int returnPoints() {
        return Math.max(2, settings.rebaseline() / 4);
    }

    /** Moves every candidate model's level by {@code shift} and starts the shift statistics afresh. */
    private void shiftLevels(double shift) {
        s.level += shift;
        s.levelDaily += shift;
        s.levelWeekly += shift;
        s.levelFast += shift;
        s.shortMean = 0;
        s.cusumUp = 0;
        s.cusumDown = 0;
        s.streak = 0;
        s.streakSum = 0;
    }

    private void chooseSeason(long t) {
        Seasonality mode = settings.seasonality();
        if (mode != Seasonality.AUTO) {
            s.selected = (byte) (mode == Seasonality.DAILY ? 1 : mode == Seasonality.WEEKLY ? 2 : 0);
            return;
        }
        long elapsed = t - s.firstMillis;
        double best = s.errNone;
        int choice = 0;
        if (s.interval <= 2 * 3_600_000.0 && elapsed >= 2 * SeasonalProfile.DAY
                && s.errDaily < SEASON_GAIN * best) {
            best = s.errDaily;
            choice = 1;
        }
        if (s.interval <= 6 * 3_600_000.0 && elapsed >= 2 * SeasonalProfile.WEEK
                && s.errWeekly < SEASON_GAIN * best) {
            choice = 2;
        }
        // No profile helps: a series that wanders like a random walk is better predicted by its recent values.
        if (choice == 0 && s.count > settings.warmUpPoints() && s.errFast < FAST_GAIN * s.errNone) {
            choice = FAST_MODEL;
        }
        s.selected = (byte) choice;
    }

    /** Moves the clock and returns how many typical sampling intervals have passed. */
    private double advanceClock(long t) {
        long dt = t - s.lastMillis;
        s.lastMillis = Math.max(s.lastMillis, t);
        if (dt <= 0) {
            return 0;
        }
        s.interval = s.interval == 0 ? dt : s.interval + 0.05 * (Math.min(dt, 10 * s.interval) - s.interval);
        return Math.min(dt / s.interval, 1000);
    }

    private double sigma() {
        return Math.max(s.scale, floor()) * s.bandFactor;
    }

    /** Zero-variance series (flat lines) still get a finite z: the floor is relative to the level. */
    private double floor() {
        return 1e-9 + 1e-3 * Math.abs(s.level);
    }

    /** After a gap the expectation is less certain: widen the band logarithmically with the gap. */
    private static double gapFactor(double steps) {
        return steps > 3 ? 1 + 0.2 * Math.log(steps / 3) : 1;
    }

    private double counterRate(long t, double raw) {
        double previous = s.lastRaw;
        long dt = t - s.lastRawMillis;
        s.lastRaw = raw;
        s.lastRawMillis = t;
        if (Double.isNaN(previous) || dt <= 0 || !Double.isFinite(raw)) {
            return Double.NaN;
        }
        if (raw < previous) {
            // A reset (process restart): events between the last sample and the restart are lost, so the
            // rate over this interval is unknown. Skip it rather than score a fake drop; the next one is fine.
            return Double.NaN;
        }
        return (raw - previous) * 1000.0 / dt;
    }

    @Override
    public void feedback(Feedback feedback) {
        s.bandFactor = switch (feedback) {
            case FALSE_POSITIVE -> Math.min(s.bandFactor * 1.25, 4.0);
            case FALSE_NEGATIVE -> Math.max(s.bandFactor / 1.25, 0.5);
            case TRUE_POSITIVE -> s.bandFactor;
        };
    }

    /**
     * The record p at which the range test reaches the shipped threshold, given the band factor (feedback):
     * ln p / bandFactor reaches the threshold's ln p exactly where p reaches pAtThreshold ^ bandFactor.
     */
    private double rangeArmedP() {
        return scoring.pAtThreshold(s.interval, s.bandFactor);
    }

    /** Standard deviation of an EWMA(alpha) of independent unit-variance values. */
    private static double ewmaSd(double alpha) {
        return Math.sqrt(alpha / (2 - alpha));
    }

    private static double alpha(double perStep, double steps) {
        return steps == 1 ? perStep : 1 - Math.pow(1 - perStep, Math.min(steps, 50));
    }

    private static double clamp(double x, double limit) {
        return x > limit ? limit : x < -limit ? -limit : x;
    }
}
