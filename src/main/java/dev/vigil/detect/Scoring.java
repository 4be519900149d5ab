package dev.vigil.detect;

import dev.vigil.core.AlarmRate;

/**
 * Turns calibrated tail probabilities into a score in [0, 1] that means a false-alarm rate per unit of time, so
 * a series scraped every 10 s alarms no more often per day than one scraped every 5 minutes.
 *
 * <p>The scale itself (what 0.75, 0.85 and 0.95 mean) is shared vocabulary: {@link AlarmRate}.
 *
 * <p>The point and shift sides each give ln p from their own {@link TailModel}s; the smaller p wins after a
 * Bonferroni correction for having looked twice ({@code p = 2 min(p1, p2)}). On data without anomalies a
 * threshold at p is crossed about {@code p x pointsPerDay} times a day, so that product, R, is the expected
 * number of false alarms per series per day at this point's evidence. The score is a fixed function of R:
 * <ul>
 *   <li>R = 1 per day scores {@link #DEFAULT_THRESHOLD} (0.75, {@code info}), R = 1 per 10 days 0.85
 *       ({@code warning}), R = 1 per 100 days 0.95 ({@code critical}): 0.1 per decade in between;</li>
 *   <li>rarer evidence approaches 1 (a quarter of the distance per decade), so scores stay ordered;</li>
 *   <li>weaker evidence falls linearly in ln p to 0 at p = 1 (no evidence).</li>
 * </ul>
 * Sensitivity moves the rate: each 0.5 above the default 0.5 counts the evidence as ten times rarer. And R is never
 * taken as rarer than once per {@link #MAX_EXTRAPOLATION} times the series' observed history.
 */
final class Scoring {

    /** The threshold Vigil ships: a point scoring at or above it opens an anomaly (1 false alarm per day). */
    static final double DEFAULT_THRESHOLD = AlarmRate.INFO_SCORE;
    static final double DAY_MILLIS = 86_400_000.0;
    /**
     * The weakest evidence that may reach the threshold, whatever the sampling: at most one false alarm per day
     * and at most one per 200 points. A series sampled every 10 minutes or slower has too few points a day for
     * the daily budget alone to mean much (hourly, it would make p = 0.02 an alarm).
     */
    static final double MAX_P_AT_THRESHOLD = 0.005;
    /**
     * How far beyond its own history a series' evidence may reach: never rarer than once per this many times the time
     * the series has been observed. A tail fitted on a few hours of data extrapolates to p = 1e-9 as readily as one
     * fitted on months, and on the first day of a series its young tails raised critical alarms that its later days
     * did not (sparse error counts: 0.025-0.05 per series on the first day, none after; BENCHMARKS.md, session 14). So
     * a critical (once per 100 days) needs a day of history and a warning (once per 10 days) 2.4 hours; the threshold
     * itself (an alarm at all), the band and every score below the threshold are unchanged.
     */
    static final double MAX_EXTRAPOLATION = 100;
    private static final double LN_TESTS = Math.log(2);
    private static final double LN_MAX_P = Math.log(MAX_P_AT_THRESHOLD);
    private static final double LN_10 = Math.log(10);

    /** ln of the factor by which sensitivity makes evidence count rarer than it is. */
    private final double lnSensitivity;
    /** Memo of {@link #lnPAtThreshold}: the sampling interval settles, and a logarithm per point is a third of the cost. */
    private double memoInterval = Double.NaN;
    private double memoLnP;
    private double memoPLn = Double.NaN;
    private double memoPower = Double.NaN;
    private double memoP;

    Scoring(DetectorSettings settings) {
        this.lnSensitivity = 2 * (settings.sensitivity() - 0.5) * LN_10;
    }

    /**
     * ln p of one test (before the correction for two sides) at which a score reaches the shipped threshold,
     * for a series sampled every {@code intervalMillis}: the band's edge.
     */
    double lnPAtThreshold(double intervalMillis) {
        if (intervalMillis != memoInterval) {
            double pointsPerDay = DAY_MILLIS / Math.max(intervalMillis, 1);
            memoLnP = Math.min(lnSensitivity - Math.log(pointsPerDay), LN_MAX_P) - LN_TESTS;
            memoInterval = intervalMillis;
        }
        return memoLnP;
    }

    /**
     * {@code exp(lnPAtThreshold(intervalMillis) x power)}: the p at which evidence whose ln p is divided by
     * {@code power} (feedback's band factor) reaches the threshold. Memoised like {@link #lnPAtThreshold}.
     */
    double pAtThreshold(double intervalMillis, double power) {
        double lnP = lnPAtThreshold(intervalMillis);
        if (lnP != memoPLn || power != memoPower) {
            memoP = Math.exp(lnP * power);
            memoPLn = lnP;
            memoPower = power;
        }
        return memoP;
    }

    /**
     * The score of a point whose two sides have these ln p, in a series sampled every {@code intervalMillis} and
     * observed for {@code observedMillis} so far (see {@link #MAX_EXTRAPOLATION}).
     */
    double score(double lnPPoint, double lnPShift, double intervalMillis, double observedMillis) {
        double lnP = Math.min(lnPPoint, lnPShift);
        if (lnP + LN_TESTS >= 0) {
            return 0.0;
        }
        double lnPInfo = lnPAtThreshold(intervalMillis);
        if (lnP > lnPInfo) {
            return DEFAULT_THRESHOLD * (lnP + LN_TESTS) / (lnPInfo + LN_TESTS);
        }
        double decades = (lnPInfo - lnP) / LN_10; // decades rarer than the threshold's rate
        return AlarmRate.scoreAtDecades(Math.min(decades, Math.log10(MAX_EXTRAPOLATION * observedMillis / DAY_MILLIS)));
    }
}
