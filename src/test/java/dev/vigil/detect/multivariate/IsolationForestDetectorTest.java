package dev.vigil.detect.multivariate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.AlarmRate;
import dev.vigil.detect.Status;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class IsolationForestDetectorTest {

    private static final long START = 1_704_067_200_000L;
    private static final long STEP = 60_000L;
    private static final Executor IN_LINE = Runnable::run;
    private final Random random = new Random(11);

    /** Traffic wanders widely; latency and CPU follow it closely: a service behaving normally. */
    private double[] normalPoint() {
        double rps = 200 * (1 + 0.2 * random.nextGaussian());
        return new double[] {rps, 40 + 0.2 * rps + random.nextGaussian(), 10 + 0.2 * rps + random.nextGaussian()};
    }

    private static MultivariateSettings settings() {
        return new MultivariateSettings(3, 512, 128, 128, 100, 0.5);
    }

    private IsolationForestDetector trained(int steps) {
        IsolationForestDetector d = new IsolationForestDetector(settings(), IN_LINE);
        for (int i = 0; i < steps; i++) {
            d.score(START + i * STEP, STEP, normalPoint());
        }
        return d;
    }

    @Test
    void warmsUpThenRarelyAlarmsOnAHealthyService() {
        IsolationForestDetector d = new IsolationForestDetector(settings(), IN_LINE);
        for (int i = 0; i < 128; i++) {
            assertEquals(Status.WARMING_UP, d.score(START + i * STEP, STEP, normalPoint()).orElseThrow().status());
        }
        int alarms = 0;
        int steps = 4 * 1440;
        for (int i = 128; i < 128 + steps; i++) {
            MultivariateScore s = d.score(START + i * STEP, STEP, normalPoint()).orElseThrow();
            assertEquals(Status.SCORED, s.status());
            alarms += s.score() >= AlarmRate.INFO_SCORE ? 1 : 0;
        }
        // info means about one false alarm a day at this step: 4 days, allow for the calibration's learning.
        assertTrue(alarms <= 12, "points at info or above in 4 healthy days: " + alarms);
    }

    @Test
    void latencyUpWhileTrafficIsFlatIsCriticalAndNamesLatency() {
        IsolationForestDetector d = trained(2000);
        // 200 rps: latency usually 80 +- 1; 92 is well inside latency's own range (80 +- 8) but not at this traffic.
        MultivariateScore s = d.score(START + 2000 * STEP, STEP, new double[] {200, 92, 50}).orElseThrow();
        assertTrue(s.score() >= AlarmRate.scoreAt(0.01), "score " + s.score() + ", statistic " + s.statistic());
        assertEquals(1, s.dominant());
        assertEquals(92, s.observed());
        assertTrue(s.expected() > 70 && s.expected() < 90, "latency's usual value " + s.expected());
    }

    @Test
    void aStepNotAfterTheLastOneIsNotJudgedAgain() {
        IsolationForestDetector d = trained(10);
        assertTrue(d.score(START + 9 * STEP, STEP, normalPoint()).isEmpty());
        assertTrue(d.score(START + 10 * STEP, STEP, normalPoint()).isPresent());
    }

    @Test
    void theForestIsFittedOnTheExecutorAndPointsAreJudgedMeanwhileByNone() {
        Queue<Runnable> pending = new ArrayDeque<>();
        IsolationForestDetector d = new IsolationForestDetector(settings(), pending::add);
        for (int i = 0; i < 200; i++) {
            d.score(START + i * STEP, STEP, normalPoint());
        }
        assertEquals(1, pending.size(), "one refit asked for, however many points came while it waited");
        assertEquals(Status.WARMING_UP, d.score(START + 200 * STEP, STEP, normalPoint()).orElseThrow().status());
        pending.poll().run();
        assertTrue(d.fitted());
        assertEquals(Status.SCORED, d.score(START + 201 * STEP, STEP, normalPoint()).orElseThrow().status());
    }

    @Test
    void checkpointRoundTripsAndTheRestoredDetectorJudgesAsBefore() {
        IsolationForestDetector d = trained(700);
        byte[] state = d.toBytes();
        IsolationForestDetector back = IsolationForestDetector.restore(settings(), IN_LINE, state);
        assertArrayEquals(state, back.toBytes());
        assertTrue(back.fitted(), "the forest is refitted from the restored window");
        assertEquals(d.lastStepMillis(), back.lastStepMillis());
        MultivariateScore s = back.score(START + 700 * STEP, STEP, new double[] {200, 92, 50}).orElseThrow();
        // after ~35 tail excesses the fit's shape is uncertain, so even this broken relation is graded warning, not
        // yet critical (docs/detection.md, "The shape's uncertainty is priced in")
        assertTrue(s.score() >= AlarmRate.scoreAt(0.1), "score " + s.score());
    }

    @Test
    void aRestoredDetectorGrowsTheSameForestAndJudgesTheNextPointExactlyAsBefore() {
        IsolationForestDetector d = trained(640); // the 640th point asked for a refit: the forest is this window's
        IsolationForestDetector back = IsolationForestDetector.restore(settings(), IN_LINE, d.toBytes());
        double[] next = {200, 88, 51};
        MultivariateScore before = d.score(START + 640 * STEP, STEP, next).orElseThrow();
        MultivariateScore after = back.score(START + 640 * STEP, STEP, next).orElseThrow();
        assertEquals(before.statistic(), after.statistic());
        assertEquals(before.score(), after.score());
    }

    @Test
    void aCheckpointOfAnotherVersionOrShapeIsRefused() {
        byte[] state = trained(50).toBytes();
        state[0] = 9;
        var version = assertThrows(IllegalArgumentException.class,
                () -> IsolationForestDetector.restore(settings(), IN_LINE, state));
        assertEquals("unknown multivariate state version 9", version.getMessage());
        byte[] three = trained(50).toBytes();
        var shape = assertThrows(IllegalArgumentException.class, () -> IsolationForestDetector.restore(
                new MultivariateSettings(4, 512, 128, 128, 100, 0.5), IN_LINE, three));
        assertEquals("state has 3 metrics, the definition 4", shape.getMessage());
    }

    @Test
    void rejectsAPointWithTheWrongNumberOfMetrics() {
        IsolationForestDetector d = new IsolationForestDetector(settings(), IN_LINE);
        var e = assertThrows(IllegalArgumentException.class, () -> d.score(START, STEP, new double[] {1, 2}));
        assertEquals("expected 3 values, got 2", e.getMessage());
    }

    @Test
    void settingsNameTheBrokenRule() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MultivariateSettings(3, 512, 128, 600, 100, 0.5));
        assertEquals("warmUp must be in [32, window=512], got 600", e.getMessage());
    }
}
