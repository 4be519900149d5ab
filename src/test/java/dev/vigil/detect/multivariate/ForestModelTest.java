package dev.vigil.detect.multivariate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import smile.math.MathEx;

class ForestModelTest {

    /** Latency and CPU follow traffic: points of a service behaving normally (three metrics: Smile draws three normals per cut). */
    private static double[][] window() {
        return window(5, 600);
    }

    private static double[][] window(long seed, int size) {
        Random random = new Random(seed);
        double[][] points = new double[size][];
        for (int i = 0; i < points.length; i++) {
            double rps = 200 * (1 + 0.2 * random.nextGaussian());
            points[i] = new double[] {rps, 40 + 0.2 * rps + random.nextGaussian(), 10 + 0.2 * rps + random.nextGaussian()};
        }
        return points;
    }

    private static final double[][] PROBES = {{200, 80, 50}, {200, 92, 50}, {150, 70, 40}, {260, 92, 62}, {200, 60, 50}};

    private static double[] statistics(ForestModel model) {
        double[] out = new double[PROBES.length];
        for (int i = 0; i < PROBES.length; i++) {
            out[i] = model.statistic(PROBES[i]);
        }
        return out;
    }

    @Test
    void theSameWindowGrowsTheSameForestOnAnyThreadWhateverWasDrawnBefore() {
        double[] here = statistics(ForestModel.fit(window(), 50));
        double[] elsewhere = CompletableFuture.supplyAsync(() -> {
            MathEx.random(); // this thread's generator has been drawn from, as a busy refit thread's has
            ForestModel.fit(window(7, 301), 3); // and so have Smile's shared generators, by another fit
            return statistics(ForestModel.fit(window(), 50));
        }).join();
        assertArrayEquals(here, elsewhere);
    }

    @Test
    void aPointThatBreaksTheRelationIsolatesFasterThanAUsualOne() {
        ForestModel model = ForestModel.fit(window(), 50);
        double usual = model.statistic(new double[] {200, 80, 50});
        double broken = model.statistic(new double[] {200, 92, 50}); // latency 12 over what this traffic gives
        assertTrue(broken > usual + 3, "usual " + usual + ", broken " + broken);
    }
}
