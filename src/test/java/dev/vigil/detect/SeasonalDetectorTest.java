package dev.vigil.detect;

import dev.vigil.core.AlarmRate;

import dev.vigil.core.Direction;
import dev.vigil.detect.state.DetectorCodec;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.vigil.detect.Series.DAY;
import static dev.vigil.detect.Series.FIVE_MINUTES;
import static dev.vigil.detect.Series.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeasonalDetectorTest {

    private static final double THRESHOLD = Scoring.DEFAULT_THRESHOLD;

    private final Random random = new Random(42);

    @Test
    void reportsWarmUpWithZeroScoreUntilEnoughHistory() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults().withWarmUp(20));
        for (int i = 0; i < 20; i++) {
            AnomalyScore s = d.score(START + i * FIVE_MINUTES, i == 10 ? 1e6 : 5.0);
            assertEquals(Status.WARMING_UP, s.status(), "point " + i);
            assertEquals(0.0, s.score());
        }
        assertEquals(Status.SCORED, d.score(START + 20 * FIVE_MINUTES, 5.0).status());
    }

    @Test
    void flagsSpikeAfterLongFlatLine() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        for (int i = 0; i < 500; i++) {
            AnomalyScore s = d.score(START + i * FIVE_MINUTES, 42.0);
            assertTrue(s.score() < THRESHOLD, "flat line must not alarm");
            assertTrue(Double.isFinite(s.upper()) && Double.isFinite(s.lower()), "band must stay finite");
        }
        AnomalyScore spike = d.score(START + 500 * FIVE_MINUTES, 60.0);
        assertTrue(spike.score() >= THRESHOLD, "spike score " + spike.score());
        assertEquals(Component.POINT, spike.component());
        assertTrue(spike.upper() < 60.0);
    }

    /**
     * The shipped threshold is the NAB operating point: a tail probability of about 2e-3 per test. On
     * noise the detector should alarm at about that rate - and no more, thanks to the fitted tail.
     */
    @Test
    void falseAlarmRateOnGaussianNoiseMatchesTheThresholdsTailProbability() {
        double rate = alarmRate(random::nextGaussian);
        assertTrue(rate > 0.0002 && rate < 0.005, "alarm rate on N(0,1) noise: " + rate);
    }

    @Test
    void heavyTailedNoiseDoesNotAlarmMoreOftenThanGaussianNoise() {
        double rate = alarmRate(this::studentT3);
        assertTrue(rate < 0.005, "alarm rate on Student-t(3) noise: " + rate);
    }

    private double alarmRate(java.util.function.DoubleSupplier noise) {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        int alarms = 0;
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            double score = d.score(START + i * FIVE_MINUTES, 10 + noise.getAsDouble()).score();
            alarms += i >= 2_000 && score >= THRESHOLD ? 1 : 0;
        }
        return alarms / (double) (n - 2_000);
    }

    @Test
    void aRandomWalkIsPredictedByTheFastLevelAndWhiteNoiseByTheSlowOne() {
        SeasonalDetector noise = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(noise, 2_000, 10, 1, new Random(5), START);
        assertEquals(0, noise.s.selected, "white noise: the 50-point level predicts best");
        SeasonalDetector walk = new SeasonalDetector(DetectorSettings.defaults());
        Random steps = new Random(5);
        double x = 50;
        AnomalyScore last = null;
        for (int i = 0; i < 2_000; i++) {
            x += 0.5 * steps.nextGaussian();
            last = walk.score(START + i * FIVE_MINUTES, x);
        }
        assertEquals(3, walk.s.selected, "random walk: the fast level predicts best");
        AnomalyScore jump = walk.score(START + 2_000 * FIVE_MINUTES, x + 10);
        assertTrue(jump.score() >= THRESHOLD, "a 20-step jump is still news: " + jump.score());
        assertEquals(x, jump.expected(), 2.0);
        assertTrue(last.score() < THRESHOLD, "while the walk itself is not: " + last.score());
    }

    /**
     * At 10 s sampling a 15-minute profile knot is visited by 90 points in a row. Learning at the 5-minute rate per
     * point, it followed the last minutes' values, so a daily profile chased a random walk better than the 50-point
     * level and was selected in place of the fast level. Learning per unit of time, the knots average over days.
     */
    @Test
    void aRandomWalkSampledEvery10sIsPredictedByTheFastLevelNotByAProfileChasingIt() {
        long tenSeconds = 10_000;
        SeasonalDetector walk = new SeasonalDetector(DetectorSettings.defaults());
        Random steps = new Random(18);
        double x = 100;
        int fast = 0;
        int judged = 0;
        for (long t = START; t < START + 5 * DAY; t += tenSeconds) {
            x += steps.nextGaussian();
            walk.score(t, x);
            if (t >= START + 2 * DAY) { // from when the daily profile may be selected
                judged++;
                fast += walk.s.selected == SeasonalDetector.FAST_MODEL ? 1 : 0;
            }
        }
        assertTrue(fast > 0.6 * judged, "points predicted by the fast level: " + fast + " of " + judged);
    }

    @Test
    void learnsDailySeasonalityAndFlagsValueAtTheWrongTimeOfDay() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        long t = START;
        for (; t < START + 6 * DAY; t += FIVE_MINUTES) {
            d.score(t, Series.daily(t, 2 * random.nextGaussian()));
        }
        assertEquals(1, d.s.selected, "daily profile should have been selected");
        // At 18:00 the sine is at its trough (50); 150 is normal at 06:00 but not now.
        long evening = START + 6 * DAY + 18 * 3_600_000L;
        for (; t < evening; t += FIVE_MINUTES) {
            d.score(t, Series.daily(t, 2 * random.nextGaussian()));
        }
        AnomalyScore offPhase = d.score(evening, 150);
        assertTrue(offPhase.score() >= THRESHOLD, "off-phase score " + offPhase.score());
        assertEquals(50, offPhase.expected(), 8);
    }

    @Test
    void levelShiftIsFlaggedThenBecomesTheNewNormal() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(d, 1_000, 100, 1, random, START);
        long t = START + 1_000 * FIVE_MINUTES;
        double first = d.score(t, 130 + random.nextGaussian()).score();
        assertTrue(first >= THRESHOLD, "first point after the shift: " + first);
        AnomalyScore later = Series.feedNoise(d, 200, 130, 1, random, t + FIVE_MINUTES);
        assertTrue(later.score() < THRESHOLD, "after persistence the new level is normal: " + later.score());
        assertEquals(130, later.expected(), 2);
    }

    /**
     * A step of 1.5 sigma is too small for the point test and, within a few points, for the shift EWMA; the
     * drift CUSUM adds up the same-side excess and reaches its tail before the level has absorbed the step. At
     * the calibrated rate of one false alarm a day (5-minute sampling) 10 of these 20 seeds alarm within 60
     * points (a one-sigma step: 2; 13 before alarms were calibrated per day, bought with a drift tail whose
     * rate estimate dipped between rare exceedances and raised false critical alarms on plain noise).
     */
    @Test
    void aOneAndAHalfSigmaStepIsCaughtByTheDriftTestInHalfTheSeries() {
        double step = 1.5;
        int caught = 0;
        for (int seed = 0; seed < 20; seed++) {
            Detector d = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
            Random noise = new Random(seed);
            boolean alarmed = false;
            for (int i = 0; i < 2_060; i++) {
                double score = d.score(START + i * FIVE_MINUTES, 10 + noise.nextGaussian() + (i >= 2_000 ? step : 0)).score();
                alarmed |= i >= 2_000 && score >= THRESHOLD;
            }
            caught += alarmed ? 1 : 0;
        }
        assertTrue(caught >= 8, "series of 20 whose 1.5-sigma step alarmed within 60 points: " + caught);
    }

    @Test
    void followsALinearTrendWithoutAlarmingContinuously() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        int alarms = 0;
        for (int i = 0; i < 10_000; i++) {
            double score = d.score(START + i * FIVE_MINUTES, 100 + 0.2 * i + random.nextGaussian()).score();
            alarms += i > 1_000 && score >= THRESHOLD ? 1 : 0;
        }
        assertTrue(alarms <= 30, "alarms on a steady ramp of 0.2 sigma per step: " + alarms);
    }

    /**
     * A spike that returns at a steady rhythm (97 points apart, so not on a daily profile knot) alarms on its
     * first occurrences; once its gap has repeated, the recurrence memory halves it below the threshold. A spike
     * that breaks the rhythm is news again.
     */
    @Test
    void spikeRecurringAtASteadyRhythmStopsAlarmingButOneBreakingTheRhythmAlarms() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        java.util.List<Double> spikes = new java.util.ArrayList<>();
        int i = 0;
        for (; i < 300 + 15 * 97; i++) {
            boolean spike = i >= 300 && (i - 300) % 97 == 0;
            double score = d.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian() + (spike ? 30 : 0)).score();
            if (spike) {
                spikes.add(score);
            }
        }
        assertTrue(spikes.get(0) >= THRESHOLD, "first spike: " + spikes);
        assertTrue(spikes.subList(3, spikes.size()).stream().allMatch(x -> x < THRESHOLD),
                "spikes after the rhythm was seen twice: " + spikes);
        // The last spike was at 300 + 14 * 97; this one comes after 150 points instead of 97.
        for (; i < 300 + 14 * 97 + 150; i++) {
            d.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian());
        }
        double offRhythm = d.score(START + i * FIVE_MINUTES, 40 + random.nextGaussian()).score();
        assertTrue(offRhythm >= THRESHOLD, "spike off the rhythm: " + offRhythm);
    }

    /**
     * Traffic 30 % lower at the weekend is the daily curve times 0.7: a level alone cannot follow that, the daily
     * model's error grows with the curve and the band with it. The daily profile's gain follows the scale: by Sunday
     * the expectation is back on the traffic and the band about four noise sds wide, where with the gain held at 1
     * (the detector before) it was 100 off at the peak and the band 300-450 wide.
     */
    @Test
    void aDailyPatternThatScalesDownAtTheWeekendIsFollowedAndItsBandStaysNarrow() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        Random traffic = new Random(41);
        double worstMiss = 0;
        double widest = 0;
        for (int i = 0; i < 7 * 288; i++) {
            double weekday = 1_000 + 600 * Math.cos(2 * Math.PI * (i % 288 - 168) / 288.0);
            double mean = i >= 5 * 288 ? 0.7 * weekday : weekday; // Saturday and Sunday: 30 % lower
            AnomalyScore s = d.score(START + i * FIVE_MINUTES, mean + Math.sqrt(mean) * traffic.nextGaussian());
            if (i >= 6 * 288 + 96 && i < 6 * 288 + 240) { // Sunday 08:00-20:00 (noise sd 21-34)
                worstMiss = Math.max(worstMiss, Math.abs(s.expected() - mean));
                widest = Math.max(widest, (s.upper() - s.lower()) / 2);
            }
        }
        assertTrue(worstMiss < 60, "expectation off the weekend traffic by " + worstMiss);
        assertTrue(widest < 250, "half-band on Sunday: " + widest);
    }

    /**
     * The recurrence memory discounts the rhythm of one kind of event: after dips every 97 points, a surge 97 points
     * after the last dip is not the dip coming back and alarms; the next dip, on the rhythm, is still discounted.
     */
    @Test
    void anEventOnTheOtherSideOfARhythmIsNewsWhileTheRhythmStaysDiscounted() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        int i = 0;
        for (; i < 300 + 5 * 97; i++) {
            boolean dip = i >= 300 && (i - 300) % 97 == 0;
            d.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian() - (dip ? 30 : 0));
        }
        double surge = d.score(START + i * FIVE_MINUTES, 40 + random.nextGaussian()).score();
        assertTrue(surge >= THRESHOLD, "a surge on the dips' rhythm: " + surge);
        // The next dip, past the surge's alarm hold: 97 points after the surge, as the dips before it were apart.
        for (i++; i < 300 + 6 * 97; i++) {
            d.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian());
        }
        double dip = d.score(START + i * FIVE_MINUTES, -20 + random.nextGaussian()).score();
        assertTrue(dip < THRESHOLD, "a dip on the rhythm: " + dip);
    }

    /**
     * An incident whose second point is worse than its first (a jump in two steps) escalates past
     * non-maximum suppression; the alarm hold keeps it at one alarm. A new incident after the hold alarms.
     */
    @Test
    void inAQuietPhaseASpikeOrdinaryForTheNoisyPhasesRarelyAlarmsButAHugeOneDoes() {
        // Noisy phases (sigma 10) alternate with quiet ones (sigma 0.1): in a quiet phase the robust sigma
        // collapses, so a spike of 4 noisy-phase sigmas has a z of ~100 and used to alarm in about a third of
        // the quiet phases (69 of 200). The two-scale spike test also measures it against the slow noise level.
        int phases = 0;
        int small = 0;
        int huge = 0;
        for (int seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            Detector d = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
            int t = 0;
            for (int cycle = 0; cycle < 12; cycle++) {
                int noisy = 150 + rnd.nextInt(100);
                int smallAt = 40 + rnd.nextInt(20);
                int hugeAt = 75 + rnd.nextInt(15);
                for (int i = 0; i < noisy; i++, t++) {
                    d.score(START + t * FIVE_MINUTES, 100 + 10 * rnd.nextGaussian());
                }
                for (int i = 0; i < 100; i++, t++) {
                    double v = 100 + 0.1 * rnd.nextGaussian() + (i == smallAt ? 40 : 0)
                            + (i == hugeAt && cycle % 2 == 1 ? 1000 : 0);
                    AnomalyScore s = d.score(START + t * FIVE_MINUTES, v);
                    if (cycle >= 2 && i == smallAt) {
                        phases++;
                        small += s.score() >= THRESHOLD ? 1 : 0;
                    }
                    if (cycle >= 2 && i == hugeAt && cycle % 2 == 1) {
                        huge += s.score() >= THRESHOLD ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(small <= phases / 10, "ordinary-size spikes alarmed in " + small + " of " + phases + " quiet phases");
        // 80 of 100 (and 6 of 200 ordinary spikes) while the tail models leaned on their prior for ~4,000 points;
        // 78 of 100 (and 2 of 200) since they learn from their first excesses (TailModel.PRIOR_EXCESSES): the slow
        // tail has learnt the noisy phases' spread by the third cycle. A 2-in-100 move, within binomial noise.
        assertTrue(huge >= 0.75 * phases / 2, "100-sigma spikes alarmed in " + huge + " of " + phases / 2);
    }

    @Test
    void anIncidentEscalatingOverConsecutivePointsAlarmsOnceAndTheNextIncidentAlarmsAgain() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(d, 1_000, 10, 1, random, START);
        int alarms = 0;
        double[] incident = {25, 40, 30};
        for (int k = 0; k < incident.length; k++) {
            alarms += d.score(START + (1_000 + k) * FIVE_MINUTES, incident[k]).score() >= THRESHOLD ? 1 : 0;
        }
        assertEquals(1, alarms, "alarms for one incident");
        Series.feedNoise(d, 50, 10, 1, random, START + 1_003 * FIVE_MINUTES);
        double next = d.score(START + 1_053 * FIVE_MINUTES, 40).score();
        assertTrue(next >= THRESHOLD, "a new incident after the hold (48 intervals): " + next);
    }

    @Test
    void withinTheAlarmHoldOnlyAnIncidentTurningCriticalAfterItsFirstPointsAlarmsAgain() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(d, 1_000, 10, 1, random, START);
        long t = START + 1_000 * FIVE_MINUTES;
        double first = d.score(t, 16).score();
        assertTrue(first >= THRESHOLD && first < AlarmRate.CRITICAL_SCORE, "an alarm below critical: " + first);
        Detector twin = DetectorCodec.decode(DetectorCodec.encode(d));
        Detector later = DetectorCodec.decode(DetectorCodec.encode(d));
        Series.feedNoise(later, 39, 10, 1, new Random(32), t + FIVE_MINUTES);
        double lesser = later.score(t + 40 * FIVE_MINUTES, 16).score();
        assertTrue(lesser < THRESHOLD, "the first alarm's size again 40 intervals later is still held (48): " + lesser);
        Series.feedNoise(d, 6, 10, 1, new Random(31), t + FIVE_MINUTES);
        Series.feedNoise(twin, 6, 10, 1, new Random(31), t + FIVE_MINUTES);
        double early = twin.score(t + 7 * FIVE_MINUTES, 60).score();
        assertTrue(early < THRESHOLD, "critical within the first 12 intervals is still the incident's start: " + early);
        double again = d.score(t + 7 * FIVE_MINUTES, 16).score();
        assertTrue(again < THRESHOLD, "the same size again inside the hold is the same incident: " + again);
        Series.feedNoise(d, 22, 10, 1, random, t + 8 * FIVE_MINUTES);
        double critical = d.score(t + 30 * FIVE_MINUTES, 60).score(); // spaced unevenly: no rhythm to discount
        assertTrue(critical >= AlarmRate.CRITICAL_SCORE, "turning critical later breaks through the hold: " + critical);
        Series.feedNoise(d, 3, 10, 1, random, t + 31 * FIVE_MINUTES);
        double criticalAgain = d.score(t + 34 * FIVE_MINUTES, 60).score();
        assertTrue(criticalAgain < THRESHOLD, "a critical alarm is held like any other: " + criticalAgain);
    }

    @Test
    void aDailyPatternIsLearntInDaysSoASagOnTheFourthDayAlarms() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        Random noise = new Random(23);
        int perDay = 288;
        double sag = 0;
        double before = 0;
        for (int i = 0; i < 4 * perDay; i++) {
            int slot = i % perDay;
            boolean sagging = i / perDay == 3 && slot >= 50 && slot < 94; // the fourth morning, 5 sigmas low
            double v = 50 + 30 * Math.sin(2 * Math.PI * slot / perDay) - (sagging ? 5 : 0) + noise.nextGaussian();
            double score = d.score(START + i * FIVE_MINUTES, v).score();
            sag = sagging ? Math.max(sag, score) : sag;
            before = i >= 2 * perDay && !sagging ? Math.max(before, score) : before;
        }
        // With a fixed rate of a tenth per visit from the start: 0.74 and 0.54 (the profile still half-learnt).
        assertTrue(sag >= THRESHOLD, "a 5-sigma sag on the fourth morning: " + sag);
        assertTrue(before < THRESHOLD, "the third and fourth days otherwise: " + before);
    }

    @Test
    void aVolatilityBurstAtAnUnchangedLevelAlarms() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
        Series.feedNoise(d, 2_000, 100, 1, new Random(21), START);
        Random burst = new Random(22);
        double top = 0;
        Component component = Component.NONE;
        for (int i = 0; i < 30 && top < THRESHOLD; i++) {
            // the noise triples, each value within 4 sigmas of the level: no single point is extreme
            double v = 100 + Math.max(-3.9, Math.min(3.9, 3 * burst.nextGaussian()));
            AnomalyScore s = d.score(START + (2_000 + i) * FIVE_MINUTES, v);
            top = Math.max(top, s.score());
            component = s.score() >= THRESHOLD ? s.component() : component;
        }
        assertTrue(top >= THRESHOLD, "a tripled noise level alarms within 30 points: " + top);
        assertEquals(Component.SHIFT, component, "on the shift side, where the volatility test is");
    }

    @Test
    void anIncidentThatEndsSoonAfterItsAdoptionIsUndoneAndTheNextIncidentAlarms() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Random r = new Random(21);
        int i = 0;
        for (; i < 2_000; i++) { // CPU at 40 % +- 3, every 5 minutes
            d.score(START + i * FIVE_MINUTES, 40 + 3 * r.nextGaussian());
        }
        for (int n = 0; n < 20; n++, i++) { // a runaway: 100 minutes at 95 %, adopted as a level after twelve points
            d.score(START + i * FIVE_MINUTES, 95 + r.nextGaussian());
        }
        for (int n = 0; n < 30; n++, i++) { // back to normal
            d.score(START + i * FIVE_MINUTES, 40 + 3 * r.nextGaussian());
        }
        AnomalyScore after = d.score(START + i++ * FIVE_MINUTES, 40);
        assertEquals(40, after.expected(), 3, "the level from before the runaway is back");
        for (int n = 0; n < 100; n++, i++) {
            d.score(START + i * FIVE_MINUTES, 40 + 3 * r.nextGaussian());
        }
        double step = 0;
        for (int n = 0; n < 6; n++, i++) { // eight hours after the runaway, a step of +25 (8 sigmas)
            step = Math.max(step, d.score(START + i * FIVE_MINUTES, 65 + 3 * r.nextGaussian()).score());
        }
        // without the way back: the level lags, sigma and the tails keep the runaway, and the step scores 0.70
        assertTrue(step >= AlarmRate.INFO_SCORE, "the step scores " + step);
    }

    @Test
    void aLevelShiftThatStaysIsKeptAfterTheHold() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Random r = new Random(22);
        int i = 0;
        for (; i < 2_000; i++) {
            d.score(START + i * FIVE_MINUTES, 40 + 3 * r.nextGaussian());
        }
        for (int n = 0; n < 200; n++, i++) { // a new normal at 60 %
            d.score(START + i * FIVE_MINUTES, 60 + 3 * r.nextGaussian());
        }
        assertEquals(60, d.score(START + i * FIVE_MINUTES, 60).expected(), 3);
        assertEquals(null, SeasonalSnapshot.of(d).origin(), "past the hold the shift stands and its run is forgotten");
    }

    @Test
    void aLatePointOlderThanTheSeriesFirstIsScoredAgainstTheHistorySeenSoFar() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(d, 2_000, 10, 1, new Random(7), START);
        AnomalyScore late = d.score(START - DAY, 40); // far out: its evidence is past the ceiling of a young series
        assertEquals(Status.SCORED, late.status());
        assertTrue(late.score() >= 0 && late.score() <= 1, "a score, not NaN: " + late);
    }

    @Test
    void counterResetIsNotAnAnomaly() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults().withValueKind(ValueKind.COUNTER));
        double total = 0;
        double maxScore = 0;
        for (int i = 0; i < 1_000; i++) {
            double increase = 300 * (10 + random.nextGaussian()); // ~10 events/s over 5 minutes
            total = i == 600 ? increase / 2 : total + increase; // process restart at 600
            double score = d.score(START + i * FIVE_MINUTES, total).score();
            maxScore = i > 200 ? Math.max(maxScore, score) : maxScore;
        }
        assertTrue(maxScore < THRESHOLD, "a reset must read as a rate, not a drop: " + maxScore);
    }

    @Test
    void toleratesIrregularSamplingAndAGap() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
        long t = START;
        int alarms = 0;
        for (int i = 0; i < 3_000; i++) {
            t += i == 2_000 ? DAY : 30_000 + random.nextInt(600_000);
            alarms += d.score(t, 50 + random.nextGaussian()).score() >= THRESHOLD ? 1 : 0;
        }
        assertTrue(alarms <= 3, "alarms with jittered steps and a one-day gap: " + alarms);
    }

    @Test
    void directionUpIgnoresDips() {
        Detector up = new SeasonalDetector(DetectorSettings.defaults().withDirection(Direction.UP));
        Series.feedNoise(up, 1_000, 100, 1, random, START);
        long t = START + 1_000 * FIVE_MINUTES;
        assertEquals(0.0, up.score(t, 50).score(), 0.3);
        assertTrue(up.score(t + FIVE_MINUTES, 150).score() >= THRESHOLD);
    }

    @Test
    void higherSensitivityScoresTheSameDeviationHigher() {
        double low = scoreOfDeviation(0.2);
        double mid = scoreOfDeviation(0.5);
        double high = scoreOfDeviation(0.9);
        assertTrue(low < mid && mid < high, low + " < " + mid + " < " + high);
    }

    /** The score of a 6-sigma deviation outside any alarm hold (a sensitive detector alarms on noise more often). */
    private static double scoreOfDeviation(double sensitivity) {
        Detector d = new SeasonalDetector(DetectorSettings.defaults().withSensitivity(sensitivity));
        Random noise = new Random(5);
        int quiet = 0;
        int i = 0;
        for (; i < 1_000 || quiet <= IncidentFilter.ALARM_HOLD_INTERVALS; i++) {
            boolean alarm = d.score(START + i * FIVE_MINUTES, 100 + noise.nextGaussian()).score() >= THRESHOLD;
            quiet = alarm ? 0 : quiet + 1;
        }
        return d.score(START + i * FIVE_MINUTES, 106).score();
    }

    @Test
    void falsePositiveFeedbackWidensTheBand() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(d, 1_000, 100, 1, new Random(1), START);
        Detector twin = DetectorCodec.decode(DetectorCodec.encode(d));
        twin.feedback(Feedback.FALSE_POSITIVE);
        long t = START + 1_000 * FIVE_MINUTES;
        AnomalyScore before = d.score(t, 100);
        AnomalyScore after = twin.score(t, 100);
        assertTrue(after.upper() - after.lower() > 1.2 * (before.upper() - before.lower()));
        assertTrue(twin.score(t + FIVE_MINUTES, 106).score() < d.score(t + FIVE_MINUTES, 106).score());
    }

    @Test
    void nonFiniteValuesAreSkippedWithoutLearning() {
        Detector d = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(d, 300, 100, 1, random, START);
        AnomalyScore s = d.score(START + 300 * FIVE_MINUTES, Double.NaN);
        assertEquals(Status.SKIPPED, s.status());
        assertEquals(0.0, s.score());
    }

    private double studentT3() {
        double chi = 0;
        for (int k = 0; k < 3; k++) {
            double g = random.nextGaussian();
            chi += g * g;
        }
        return random.nextGaussian() / Math.sqrt(chi / 3);
    }
}
