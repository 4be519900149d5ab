package dev.vigil.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RankShiftIntervalTest {

    @Test
    void matchesRsWilcoxIntervalOnKayentasReferenceSamples() {
        // Kayenta's MannWhitneySuite reference: baseline 1..4, canary 10..40 -> interval [6, 39], estimate 22.5.
        ShiftInterval s = RankShiftInterval.run(new double[] {10, 20, 30, 40}, new double[] {1, 2, 3, 4}, 0.95);
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
        ShiftInterval s = RankShiftInterval.run(canary, baseline, 0.95);
        assertEquals(2.5, s.estimate(), 1e-9);
        assertTrue(s.lower() <= 2.5 && s.upper() >= 2.5);
    }

    @Test
    void isExactOnTinyValuesWhereAnAbsoluteRootToleranceWouldBeCoarse() {
        double[] baseline = {1e-6, 2e-6, 3e-6, 4e-6, 5e-6, 6e-6};
        double[] canary = {11e-6, 12e-6, 13e-6, 14e-6, 15e-6, 16e-6};
        ShiftInterval s = RankShiftInterval.run(canary, baseline, 0.95);
        assertEquals(10e-6, s.estimate(), 1e-12);
        assertTrue(s.lower() > 0 && s.lower() <= s.estimate() && s.estimate() <= s.upper());
    }

    @Test
    void findsTheSameCrossingsAsAnExhaustiveSearchOfPairwiseDifferences() {
        for (long s = 1; s <= 40; s++) {
            final long seed = s;
            Random random = new Random(seed);
            int n = 3 + random.nextInt(40);
            int m = 3 + random.nextInt(40);
            double scale = seed % 3 == 0 ? 1e-5 : 10;
            // rounding makes ties, as real metrics (counts, millisecond latencies) have
            double[] x = sorted(random.doubles(n).map(v -> Math.round(v * 8 + (seed % 2)) * scale).toArray());
            double[] y = sorted(random.doubles(m).map(v -> Math.round(v * 8) * scale).toArray());
            for (double target : new double[] {1.96, 0, -1.96, 2.33}) {
                for (boolean strict : new boolean[] {false, true}) {
                    assertEquals(exhaustive(x, y, target, strict), RankShiftInterval.crossing(x, y, target, strict),
                            "seed " + seed + " target " + target + " strict " + strict);
                }
            }
        }
    }

    @Test
    void handlesLargeSamplesWithoutPairwiseArrays() {
        Random random = new Random(7);
        double[] baseline = random.doubles(20_000).map(v -> v * 100).toArray();
        double[] canary = random.doubles(20_000).map(v -> v * 100 + 5).toArray();
        ShiftInterval s = RankShiftInterval.run(canary, baseline, 0.98);
        assertEquals(5.0, s.estimate(), 1.0);
        assertTrue(s.lower() > 3 && s.upper() < 7, s.toString());
    }

    /** Oracle: every distinct pairwise difference in order, with Kayenta's edge rule. */
    private static double exhaustive(double[] x, double[] y, double target, boolean strict) {
        double[] d = new double[x.length * y.length];
        int k = 0;
        for (double xi : x) {
            for (double yj : y) {
                d[k++] = xi - yj;
            }
        }
        d = sorted(java.util.Arrays.stream(d).distinct().toArray());
        if (reached(RankShiftInterval.z(x, y, d[0]), target, strict)) {
            return d[0];
        }
        for (int i = 0; i < d.length; i++) {
            double right = i + 1 < d.length ? (d[i] + d[i + 1]) / 2 : d[i] + 1;
            if (reached(RankShiftInterval.z(x, y, right), target, strict)) {
                return d[i];
            }
        }
        return d[d.length - 1];
    }

    private static boolean reached(double z, double target, boolean strict) {
        return strict ? z < target : z <= target;
    }

    private static double[] sorted(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c;
    }
}
