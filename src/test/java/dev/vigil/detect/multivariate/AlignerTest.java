package dev.vigil.detect.multivariate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlignerTest {

    private static final long STEP = 60_000L;
    private static final long T0 = 1_704_067_200_000L; // a multiple of the step

    @Test
    void aStepClosesAsSoonAsEveryMetricReportedInItWithTheLastValueOfEach() {
        Aligner a = new Aligner(2, STEP, 30_000L, 1);
        assertEquals(List.of(), a.offer(0, T0 + 1_000, 10));
        assertEquals(List.of(), a.offer(0, T0 + 20_000, 11));
        List<AlignedPoint> closed = a.offer(1, T0 + 40_000, 5);
        assertEquals(1, closed.size());
        assertEquals(T0, closed.get(0).stepMillis());
        assertArrayEquals(new double[] {11, 5}, closed.get(0).values());
        assertEquals(0, closed.get(0).carried());
    }

    @Test
    void aMissingMetricIsWaitedForUntilTheGraceThenCarriedFromTheStepBefore() {
        Aligner a = new Aligner(2, STEP, 30_000L, 1);
        a.offer(0, T0, 10);
        a.offer(1, T0, 5);
        assertEquals(List.of(), a.offer(0, T0 + STEP, 12), "metric 1 may still come");
        assertEquals(List.of(), a.offer(0, T0 + 2 * STEP + 29_000, 13), "within the grace");
        List<AlignedPoint> closed = a.offer(0, T0 + 2 * STEP + 30_000, 14);
        assertEquals(1, closed.size());
        assertArrayEquals(new double[] {12, 5}, closed.get(0).values());
        assertEquals(1, closed.get(0).carried());
    }

    @Test
    void aStepIsDroppedWhenAMetricHasBeenMissingLongerThanTheCarryAllows() {
        Aligner a = new Aligner(2, STEP, 0, 1);
        a.offer(0, T0, 10);
        a.offer(1, T0, 5);
        a.offer(0, T0 + STEP + 1, 1);
        List<AlignedPoint> carried = a.offer(0, T0 + 2 * STEP, 2);
        assertArrayEquals(new double[] {1, 5}, carried.get(0).values(), "step 1 carries metric 1 from step 0");
        assertEquals(List.of(), a.offer(0, T0 + 3 * STEP, 3), "step 2 would carry it two steps");
        assertEquals(1, a.dropped());
        List<AlignedPoint> back = a.offer(1, T0 + 3 * STEP + 1, 6);
        assertArrayEquals(new double[] {3, 6}, back.get(0).values(), "complete again");
    }

    @Test
    void aSampleForAClosedStepIsLateAndIgnored() {
        Aligner a = new Aligner(2, STEP, 0, 0);
        a.offer(0, T0, 1);
        a.offer(1, T0, 2);
        assertEquals(List.of(), a.offer(0, T0 + 59_000, 3));
        assertEquals(1, a.late());
        assertEquals(List.of(), a.offer(0, T0 + STEP, Double.NaN));
        assertEquals(2, a.late(), "a value that is not finite is not taken either");
    }

    @Test
    void noMoreThanTheBoundOfStepsStayOpenWhateverTheGrace() {
        Aligner a = new Aligner(2, STEP, 100 * STEP, 0);
        for (int i = 0; i < 40; i++) {
            a.offer(0, T0 + i * STEP, i); // metric 1 never reports
        }
        assertEquals(40 - Aligner.MAX_OPEN_STEPS, a.dropped(), "the oldest closed (dropped: nothing to carry)");
    }
}
