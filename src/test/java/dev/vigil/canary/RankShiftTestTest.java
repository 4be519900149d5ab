package dev.vigil.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankShiftTestTest {

    @Test
    void matchesRsWilcoxIntervalOnKayentasReferenceSamples() {
        // Kayenta's MannWhitneySuite reference: baseline 1..4, canary 10..40 -> interval [6, 39], estimate 22.5.
        ShiftInterval s = RankShiftTest.run(new double[] {10, 20, 30, 40}, new double[] {1, 2, 3, 4}, 0.95);
        assertEquals(6.0, s.lower(), 1e-12);
        assertEquals(39.0, s.upper(), 1e-12);
        assertEquals(22.5, s.estimate(), 1e-12);
        assertTrue(s.significantlyHigher());
    }

    @Test
    void estimatesAConstantShiftExactly() {
        double[] baseline = new double[30];
        double[] canary = new double[30];
        for (int i = 0; i < 30; i++) {
            baseline[i] = i * 0.37 % 5;
            canary[i] = baseline[i] + 2.5;
        }
        ShiftInterval s = RankShiftTest.run(canary, baseline, 0.95);
        assertEquals(2.5, s.estimate(), 1e-9);
        assertTrue(s.lower() <= 2.5 && s.upper() >= 2.5);
    }

    @Test
    void isExactOnTinyValuesWhereAnAbsoluteRootToleranceWouldBeCoarse() {
        double[] baseline = {1e-6, 2e-6, 3e-6, 4e-6, 5e-6, 6e-6};
        double[] canary = {11e-6, 12e-6, 13e-6, 14e-6, 15e-6, 16e-6};
        ShiftInterval s = RankShiftTest.run(canary, baseline, 0.95);
        assertEquals(10e-6, s.estimate(), 1e-12);
        assertTrue(s.lower() > 0 && s.lower() <= s.estimate() && s.estimate() <= s.upper());
    }

    @Test
    void bisectionFallbackAgreesWithExactSearch() {
        java.util.Random random = new java.util.Random(42);
        double[] baseline = random.doubles(40).map(v -> v * 10).toArray();
        double[] canary = random.doubles(40).map(v -> v * 10 + 3).toArray();
        ShiftInterval exact = RankShiftTest.run(canary, baseline, 0.95);
        double z = RankShiftTest.z(sorted(canary), sorted(baseline), exact.estimate() - 1e-3);
        assertTrue(z >= 0, "z is non-increasing: left of the estimate it is not negative");
    }

    private static double[] sorted(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c;
    }
}
