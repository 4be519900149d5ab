package dev.vigil.detect;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TailModelTest {

    /** Mean excess of a standard Gaussian over its upper 5 % quantile (1.645): E[Z - u | Z > u]. */
    private static final double GAUSSIAN_MEAN_EXCESS = 0.417;

    /**
     * A short series (NAB files have 1,000 to 4,000 points) must not be judged by the prior for most of its length.
     * With a fixed memory of ~200 excesses the prior's mean excess (1.0, an exponential tail of scale 1) still weighed
     * (1 - 0.005)^200 = 37 % after 4,000 values (mean excess 0.93 after 800, 0.63 after 4,000 here); now the prior
     * counts as 10 excesses and the first excesses are averaged with it (rate 1 / (10 + expected excesses so far)).
     */
    @Test
    void aYoungTailLearnsItsExcessesFromTheDataNotThePrior() {
        TailModel tail = TailModel.ofResiduals();
        Random random = new Random(7);
        int n = 0;
        for (; n < 800; n++) {
            tail.learn(random.nextGaussian(), n);
        }
        assertTrue(tail.mean < 0.7, "after ~40 excesses the prior weighs about 10 / 50: " + tail.mean);
        for (; n < 4_000; n++) {
            tail.learn(random.nextGaussian(), n);
        }
        assertEquals(1.645, tail.threshold, 0.25, "threshold at the 95 % quantile");
        assertEquals(GAUSSIAN_MEAN_EXCESS, tail.mean, 0.08, "mean excess learnt from ~200 excesses");
    }

    /** Once it has seen many excesses the memory is the long one again: one burst of freak values barely moves it. */
    @Test
    void aMatureTailKeepsItsLongMemory() {
        TailModel tail = TailModel.ofResiduals();
        Random random = new Random(7);
        long n = 0;
        for (; n < 40_000; n++) {
            tail.learn(random.nextGaussian(), n);
        }
        double before = tail.mean;
        for (int k = 0; k < 5; k++, n++) {
            tail.learn(tail.threshold + 10, n);
        }
        double step = tail.mean - before;
        assertTrue(step > 0 && step < 5 * 10 * TailModel.EXCESS_ALPHA * 1.01,
                "5 excesses of 10 move the mean by at most 5 x alpha x 10: " + step);
    }

    /** The prior still speaks for the very first excesses: one huge first excess is not the whole tail. */
    @Test
    void theFirstExcessIsShrunkTowardsThePrior() {
        TailModel tail = TailModel.ofResiduals();
        tail.learn(tail.threshold + 11, 0);
        assertEquals(1 + (11 - 1) / (double) TailModel.PRIOR_EXCESSES, tail.mean, 1e-9);
    }

    /** A Student-t variate with 3 degrees of freedom: a Gaussian over the root of a chi-square(3) / 3. */
    private static double studentT3(Random random) {
        double chi = 0;
        for (int k = 0; k < 3; k++) {
            double g = random.nextGaussian();
            chi += g * g;
        }
        return random.nextGaussian() / Math.sqrt(chi / 3);
    }

    /**
     * Student-t(3) noise has a tail of shape 1/3 that the moment fit reads at about 0.26 (its fourth moment is
     * infinite) and that wanders with the last few hundred excesses; extrapolated five decades below the data, the
     * band at p = 1e-6 was crossed five times as often as p (at 10 s sampling: critical alarms ten times as often as
     * promised). Averaged over the shape's uncertainty, the band is crossed about as often as it says, judged online
     * as the detector uses it: each value against the band drawn before it was learnt.
     */
    @Test
    void aHeavyTailsBandFarOutIsCrossedAboutAsOftenAsItSays() {
        TailModel tail = TailModel.ofResiduals();
        Random random = new Random(1);
        long n = 4_000_000;
        long beyond5 = 0;
        long beyond6 = 0;
        for (long i = 0; i < n; i++) {
            double z = studentT3(random);
            beyond5 += i > 20_000 && z > tail.zAt(Math.log(1e-5), i) ? 1 : 0;
            beyond6 += i > 20_000 && z > tail.zAt(Math.log(1e-6), i) ? 1 : 0;
            tail.learn(z, i);
        }
        assertTrue(beyond5 < 2.2 * 1e-5 * n, beyond5 + " values beyond the 1e-5 band, " + 1e-5 * n + " expected");
        assertTrue(beyond6 < 3.0 * 1e-6 * n, beyond6 + " values beyond the 1e-6 band, " + 1e-6 * n + " expected");
    }

    /** The band's edge is where the tail probability is p: zAt inverts lnTail, also while the shape is uncertain. */
    @Test
    void theBandEdgeIsWhereTheTailReachesItsProbability() {
        TailModel tail = TailModel.ofResiduals();
        Random random = new Random(5);
        for (int n = 0; n < 2_000; n++) {
            tail.learn(studentT3(random), n);
        }
        for (double p : new double[] {1e-3, 1e-5, 1e-7}) {
            assertEquals(Math.log(p), tail.lnTail(tail.zAt(Math.log(p), 2_000), 2_000), 1e-9, "p = " + p);
        }
    }

    /** Fewer excesses, less certainty: a young tail puts a rare p farther out than a mature one with the same moments. */
    @Test
    void aYoungTailIsMoreCautiousFarOutThanAMatureOneWithTheSameFit() {
        TailModel tail = TailModel.ofResiduals();
        tail.threshold = 2.0;
        tail.mean = 0.8;
        tail.square = 1.6;
        double young = tail.zAt(Math.log(1e-6), 100); // ~15 excesses behind the fit
        double mature = tail.zAt(Math.log(1e-6), 100_000); // 200
        assertTrue(young > 1.2 * mature, young + " vs " + mature);
    }

    /** Sums of clipped residuals have an exponential tail (shape 0, fixed): nothing to average, the fit as it is. */
    @Test
    void aSumsTailIsExponentialWithoutShapeUncertainty() {
        TailModel sums = TailModel.ofSums();
        sums.threshold = 2.0;
        sums.mean = 0.5;
        sums.square = 0.9;
        assertEquals(2.0 + 0.5 * Math.log(TailModel.Q / 1e-6), sums.zAt(Math.log(1e-6), 0), 1e-9);
    }
}
