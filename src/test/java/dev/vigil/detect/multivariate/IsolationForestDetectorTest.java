package dev.vigil.detect.multivariate;

import dev.vigil.detect.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smile.math.MathEx;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsolationForestDetectorTest {

    private static final long START = 1_704_067_200_000L;
    private final Random random = new Random(11);

    @BeforeEach
    void seedSmile() {
        MathEx.setSeed(19650218);
    }

    /** rps ~ 100 +- 10; cpu follows rps; latency is flat: a service behaving normally. */
    private double[] normalPoint() {
        double rps = 100 + 10 * random.nextGaussian();
        return new double[] {rps, 0.5 * rps + random.nextGaussian(), 20 + random.nextGaussian()};
    }

    @Test
    void warmsUpThenScoresOrdinaryPointsLow() {
        IsolationForestDetector d = new IsolationForestDetector(MultivariateSettings.defaults(3));
        for (int i = 0; i < 128; i++) {
            assertEquals(Status.WARMING_UP, d.score(START + i * 60_000L, normalPoint()).status());
        }
        int high = 0;
        for (int i = 128; i < 1_128; i++) {
            MultivariateScore s = d.score(START + i * 60_000L, normalPoint());
            assertEquals(Status.SCORED, s.status());
            high += s.score() >= 0.5 ? 1 : 0;
        }
        assertTrue(high <= 10, "ordinary points scoring >= 0.5: " + high);
    }

    @Test
    void flagsCpuSurgeWhileTrafficIsFlatAndNamesCpu() {
        IsolationForestDetector d = new IsolationForestDetector(MultivariateSettings.defaults(3));
        for (int i = 0; i < 600; i++) {
            d.score(START + i * 60_000L, normalPoint());
        }
        MultivariateScore s = d.score(START + 600 * 60_000L, new double[] {100, 95, 20});
        assertTrue(s.score() >= 0.5, "score " + s.score() + ", isolation " + s.isolation());
        assertEquals(1, s.dominant());
    }

    @Test
    void rejectsAPointWithTheWrongNumberOfMetrics() {
        IsolationForestDetector d = new IsolationForestDetector(MultivariateSettings.defaults(3));
        var e = assertThrows(IllegalArgumentException.class, () -> d.score(START, new double[] {1, 2}));
        assertEquals("expected 3 values, got 2", e.getMessage());
    }

    @Test
    void settingsNameTheBrokenRule() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MultivariateSettings(3, 512, 128, 600, 100));
        assertEquals("warmUp must be in [32, window=512], got 600", e.getMessage());
    }
}
