package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void aucIsOneForAPerfectRankingAndHalfForAllTies() {
        assertEquals(1.0, Metrics.auc(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.2, 0.8, 0.9}));
        assertEquals(0.5, Metrics.auc(new int[] {0, 1, 0, 1}, new double[] {0.3, 0.3, 0.3, 0.3}));
    }

    @Test
    void aucCountsTiedPairsAsHalf() {
        // pairs (pos, neg): (0.5 vs 0.2) win, (0.5 vs 0.5) tie, (0.9 vs both) wins -> 3.5 / 4
        assertEquals(0.875, Metrics.auc(new int[] {1, 1, 0, 0}, new double[] {0.5, 0.9, 0.2, 0.5}));
    }

    @Test
    void aucNeedsBothClasses() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.auc(new int[] {1, 1}, new double[] {0.1, 0.2}));
    }

    @Test
    void f1AtAThreshold() {
        // predicted failed: 0.6, 0.9 -> tp 1, fp 1, fn 1 -> 2/(2+1+1)
        assertEquals(0.5, Metrics.f1(new int[] {1, 0, 1, 0}, new double[] {0.9, 0.6, 0.2, 0.1}, 0.5));
    }

    @Test
    void bestThresholdSeparatesASeparableSet() {
        double t = Metrics.bestF1Threshold(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.2, 0.7, 0.8});
        assertEquals(0.7, t);
    }
}
