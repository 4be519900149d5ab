package dev.vigil.detect;

import dev.vigil.core.AlarmRate;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static dev.vigil.detect.Series.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoringTest {

    private static final long TEN_SECONDS = 10_000;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 3_600_000;
    private static final double DAY = 86_400_000.0;

    /** A history long enough that no evidence here reaches beyond it (see Scoring.MAX_EXTRAPOLATION). */
    private static final double LONG_HISTORY = Double.POSITIVE_INFINITY;

    private final Scoring scoring = new Scoring(DetectorSettings.defaults());

    @Test
    void theThresholdIsOneFalseAlarmPerDayAtEverySamplingInterval() {
        for (long interval : new long[] {TEN_SECONDS, MINUTE, 5 * MINUTE}) {
            double pointsPerDay = DAY / interval;
            // both sides tested: p = 2 min(p1, p2), so one side's p at the threshold is 1 / (2 x points per day)
            assertEquals(Math.log(1 / (2 * pointsPerDay)), scoring.lnPAtThreshold(interval), 1e-12, interval + " ms");
            double lnPInfo = scoring.lnPAtThreshold(interval);
            assertEquals(0.75, scoring.score(lnPInfo, 0, interval, LONG_HISTORY), 1e-12);
            assertEquals(0.85, scoring.score(lnPInfo - Math.log(10), 0, interval, LONG_HISTORY), 1e-12);
            assertEquals(0.95, scoring.score(lnPInfo - Math.log(100), 0, interval, LONG_HISTORY), 1e-12);
        }
    }

    @Test
    void evidenceNeverCountsRarerThanAHundredTimesTheSeriesOwnHistory() {
        double overwhelming = Math.log(1e-30);
        double afterAnHour = scoring.score(overwhelming, 0, MINUTE, HOUR);
        assertEquals(AlarmRate.scoreAt(24 / 100.0), afterAnHour, 1e-12, "at most once per 100 hours");
        assertTrue(afterAnHour >= AlarmRate.INFO_SCORE && afterAnHour < 0.85, "" + afterAnHour);
        assertEquals(AlarmRate.CRITICAL_SCORE, scoring.score(overwhelming, 0, MINUTE, DAY), 1e-12, "a day: critical");
        assertTrue(scoring.score(overwhelming, 0, MINUTE, 30 * DAY) > AlarmRate.CRITICAL_SCORE);
        double lnPInfo = scoring.lnPAtThreshold(MINUTE);
        assertEquals(0.85, scoring.score(lnPInfo - Math.log(10), 0, MINUTE, DAY), 1e-12, "within reach: as it is");
        assertEquals(0.75, scoring.score(lnPInfo, 0, MINUTE, 0), 1e-12, "the threshold needs no history");
    }

    @Test
    void slowSeriesAlsoKeepToOneFalseAlarmPer200Points() {
        // hourly: a daily budget alone would make p = 1/48 an alarm
        assertEquals(Math.log(0.005 / 2), scoring.lnPAtThreshold(HOUR), 1e-12);
    }

    @Test
    void noEvidenceScoresZeroAndRarerEvidenceScoresHigherDownToPOf1eMinus30() {
        assertEquals(0, scoring.score(0, 0, MINUTE, LONG_HISTORY));
        double previous = 0;
        for (double lnP = -1; lnP > Math.log(1e-30); lnP -= 0.5) {
            double score = scoring.score(lnP, 0, MINUTE, LONG_HISTORY);
            assertTrue(score > previous && score < 1, "ln p " + lnP + " scored " + score + " after " + previous);
            previous = score;
        }
    }

    @Test
    void sensitivityCountsEvidenceTenTimesRarerPerHalfStep() {
        Scoring sensitive = new Scoring(DetectorSettings.defaults().withSensitivity(1.0));
        assertEquals(scoring.lnPAtThreshold(TEN_SECONDS) + Math.log(10), sensitive.lnPAtThreshold(TEN_SECONDS), 1e-12);
    }

    @Test
    void gaussianNoiseAlarmsAboutAsOftenPerDayAt10SecondsAsAtAMinute() {
        double at10s = alarmsPerDay(TEN_SECONDS, 4);
        double at1m = alarmsPerDay(MINUTE, 12);
        // the budget is 1 per day at the threshold; the tails are fitted, so allow for their error, but a per-point
        // calibration would alarm six times as often at 10 s as at 1 minute
        assertTrue(at10s < 1.5 && at1m < 1.5, "alarms per day: 10 s " + at10s + ", 1 min " + at1m);
    }

    /** Scores at or above the threshold per day after a day of learning, on N(10, 1) noise. */
    private static double alarmsPerDay(long interval, int days) {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        Random noise = new Random(21);
        long perDay = (long) (DAY / interval);
        int alarms = 0;
        for (long i = 0; i < perDay * (days + 1); i++) {
            double score = d.score(START + i * interval, 10 + noise.nextGaussian()).score();
            alarms += i >= perDay && score >= Scoring.DEFAULT_THRESHOLD ? 1 : 0;
        }
        return alarms / (double) days;
    }
}
