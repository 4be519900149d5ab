package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DeployRiskTest {

    @Test
    void aSingleCommitKeepsItsProbabilityWhateverTheDependence() {
        for (double w : new double[] {0, 0.3, 1}) {
            assertEquals(0.2, new DeployRisk(w).combine(new double[] {0.2}), 1e-12);
        }
    }

    @Test
    void theTwoExtremesAreIndependenceAndTheRiskiestCommit() {
        double[] p = {0.1, 0.2, 0.3};
        assertEquals(1 - 0.9 * 0.8 * 0.7, new DeployRisk(0).combine(p), 1e-12);
        assertEquals(0.3, new DeployRisk(1).combine(p), 1e-12);
        assertEquals(0.5 * (1 - 0.9 * 0.8 * 0.7) + 0.5 * 0.3, DeployRisk.DEFAULT.combine(p), 1e-12);
    }

    @Test
    void thirtyCommitsAtTenPercentAreNotCalledCertain() {
        double[] p = new double[30];
        java.util.Arrays.fill(p, 0.1);
        assertEquals(0.96, new DeployRisk(0).combine(p), 0.005);
        assertEquals(0.53, DeployRisk.DEFAULT.combine(p), 0.005);
    }

    @Test
    void refusesProbabilitiesAndDependenceOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new DeployRisk(1.5));
        assertThrows(IllegalArgumentException.class, () -> DeployRisk.DEFAULT.combine(new double[] {0.2, 1.2}));
        assertThrows(IllegalArgumentException.class, () -> DeployRisk.DEFAULT.combine(new double[0]));
    }

    /**
     * A generated history where the answer is known: 20,000 deploys of 1-20 commits with known probabilities; with
     * probability 0.4 a deploy's commits share one cause (one uniform draw decides them all), otherwise each commit
     * fails on its own. The aggregation with w = 0.4 must match the observed failure rate in every risk band, and
     * the independent one must over-predict the long ranges.
     */
    @Test
    void matchesTheObservedFailureRateOfAGeneratedHistoryWithKnownDependence() {
        Random random = new Random(42);
        int deploys = 20_000;
        double trueDependence = 0.4;
        double[] known = new double[deploys];
        double[] independent = new double[deploys];
        int[] failed = new int[deploys];
        for (int d = 0; d < deploys; d++) {
            double[] p = new double[1 + random.nextInt(20)];
            for (int i = 0; i < p.length; i++) {
                p[i] = 0.01 + 0.2 * random.nextDouble();
            }
            boolean sharedCause = random.nextDouble() < trueDependence;
            double shared = random.nextDouble();
            boolean any = false;
            for (double pi : p) {
                any |= (sharedCause ? shared : random.nextDouble()) < pi;
            }
            failed[d] = any ? 1 : 0;
            known[d] = new DeployRisk(trueDependence).combine(p);
            independent[d] = new DeployRisk(0).combine(p);
        }

        Reliability withKnown = Reliability.of(failed, known);
        for (Reliability.Bin bin : withKnown.bins()) {
            if (bin.count() >= 500) {
                assertEquals(bin.meanPredicted(), bin.observedRate(), 0.03, "band " + bin.lower() + "-" + bin.upper());
            }
        }
        double meanKnown = java.util.Arrays.stream(known).average().orElseThrow();
        double observed = java.util.Arrays.stream(failed).average().orElseThrow();
        assertEquals(observed, meanKnown, 0.01);
        assertTrue(Reliability.of(failed, independent).brier() > withKnown.brier() + 0.005,
                "independence ignores the shared cause and over-predicts");
        assertTrue(java.util.Arrays.stream(independent).average().orElseThrow() > observed + 0.05);
    }
}
