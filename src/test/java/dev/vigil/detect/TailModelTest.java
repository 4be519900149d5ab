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
}
