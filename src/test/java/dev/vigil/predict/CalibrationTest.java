package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /** Scores whose true failure probability is sigmoid(0.5 * logit(score) - 1): overconfident and too high. */
    private static final int N = 20_000;
    private static final double[] SCORES = new double[N];
    private static final int[] OUTCOMES = new int[N];

    static {
        Random random = new Random(17);
        for (int i = 0; i < N; i++) {
            SCORES[i] = 0.02 + 0.96 * random.nextDouble();
            double truth = 1 / (1 + Math.exp(-(0.5 * Calibration.logit(SCORES[i]) - 1)));
            OUTCOMES[i] = random.nextDouble() < truth ? 1 : 0;
        }
    }

    @Test
    void plattScalingRecoversAKnownMiscalibrationAndLowersTheBrierScore() {
        Calibration c = Calibration.fit(OUTCOMES, SCORES);

        assertEquals(0.5, c.slope(), 0.05);
        assertEquals(-1.0, c.intercept(), 0.08);
        double[] calibrated = Arrays.stream(SCORES).map(c::apply).toArray();
        assertTrue(Reliability.of(OUTCOMES, calibrated).brier() < Reliability.of(OUTCOMES, SCORES).brier() - 0.02);
    }

    @Test
    void calibrationKeepsTheRankingSoAucIsUnchanged() {
        Calibration c = Calibration.fit(OUTCOMES, SCORES);
        double[] calibrated = Arrays.stream(SCORES).map(c::apply).toArray();
        assertEquals(Metrics.auc(OUTCOMES, SCORES), Metrics.auc(OUTCOMES, calibrated), 1e-12);
    }

    @Test
    void scoresThatRankTheTailBackwardsAreLeftAlone() {
        int[] y = {1, 1, 1, 0, 0, 0};
        double[] p = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
        assertEquals(Calibration.IDENTITY, Calibration.fit(y, p));
    }

    @Test
    void reliabilityTableCountsRowsPerBinWithMeanPredictionAndObservedRate() {
        int[] y = {0, 1, 0, 0, 1, 1};
        double[] p = {0.05, 0.15, 0.12, 0.95, 1.0, 0.55};
        Reliability r = Reliability.of(y, p);

        assertEquals(6, r.rows());
        assertEquals((0.05 * 0.05 + 0.85 * 0.85 + 0.12 * 0.12 + 0.95 * 0.95 + 0 + 0.45 * 0.45) / 6, r.brier(), 1e-12);
        assertEquals(10, r.bins().size());
        assertEquals(1, r.bins().get(0).count());
        assertEquals(2, r.bins().get(1).count());
        assertEquals(0.135, r.bins().get(1).meanPredicted(), 1e-12);
        assertEquals(0.5, r.bins().get(1).observedRate(), 1e-12);
        assertEquals(2, r.bins().get(9).count(), "1.0 falls in the last, closed bin");
        assertEquals(0.5, r.bins().get(9).observedRate(), 1e-12);
        assertEquals(0, r.bins().get(3).count());
        assertNull(r.bins().get(3).observedRate());
    }
}
