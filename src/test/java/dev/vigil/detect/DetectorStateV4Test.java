package dev.vigil.detect;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import static dev.vigil.detect.Series.FIVE_MINUTES;
import static dev.vigil.detect.Series.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorStateV4Test {

    @Test
    void frozenVersion4SnapshotStillLoadsScoresAndWritesBackTheSameBytes() throws IOException {
        byte[] frozen = DetectorStateV1Test.resource("/detect/seasonal-state-v4.b64");
        assertEquals(DetectorStateV4.VERSION, frozen[2]);
        DetectorStateV4 state = DetectorStateV4.fromBytes(frozen);
        assertEquals(2_500, state.count());
        assertEquals(DetectorSettings.defaults(), state.settings());
        assertTrue(state.slowSigma() > 0, "snapshot taken with a slow noise level");
        assertNotEquals(TailModel.ofResiduals().mean, state.tails()[10], "and a slow tail learnt from the data");
        assertEquals(2, state.range().blocks(), "snapshot taken with a full block and a partial one");
        assertEquals(2_500 - RangeMemory.BLOCK_POINTS, state.range().inBlock());
        assertTrue(state.range().high()[0] > 12 && state.range().low()[0] < 8,
                Arrays.toString(state.range().high()));
        assertArrayEquals(frozen, state.toBytes(), "layout must not drift");
        AnomalyScore next = state.toDetector().score(START + 2_500 * FIVE_MINUTES, 10.0);
        assertEquals(Status.SCORED, next.status());
        assertEquals(10.0, next.expected(), 1.5);
    }

    @Test
    void version3SnapshotMigratesWithAPriorSlowTailAndAnEmptyRangeMemory() throws IOException {
        byte[] v3bytes = DetectorStateV1Test.resource("/detect/seasonal-state-v3.b64");
        DetectorStateV3 v3 = DetectorStateV3.fromBytes(v3bytes);
        DetectorStateV4 v4 = DetectorStateV4.fromBytes(v3bytes);
        assertEquals(v3.count(), v4.count());
        assertEquals(v3.level(), v4.level());
        assertArrayEquals(v3.events(), v4.events());
        assertEquals(v3.lastAlarm(), v4.lastAlarm());
        assertEquals(v3.cusumUp(), v4.cusumUp());
        assertEquals(v3.cusumDown(), v4.cusumDown());
        assertArrayEquals(v3.daily(), v4.daily());
        assertArrayEquals(v3.tails(), Arrays.copyOf(v4.tails(), 9));
        assertArrayEquals(new double[] {DetectorStateV4.PRIOR_RATE, TailModel.ofResiduals().mean, TailModel.ofResiduals().square},
                Arrays.copyOfRange(v4.tails(), 9, 12));
        assertEquals(0.0, v4.slowSigma());
        assertEquals(v3.level(), v4.levelFast());
        assertEquals(v3.errNone() / SeasonalDetector.FAST_GAIN, v4.errFast(), 1e-12);
        assertEquals(1, v4.range().blocks());
        assertEquals(0, v4.range().inBlock());
        assertEquals(Double.NEGATIVE_INFINITY, v4.range().high()[0]);
        SeasonalDetector restored = v4.toDetector();
        assertEquals(Status.SCORED, restored.score(START + 2_000 * FIVE_MINUTES, 10.0).status());
        assertTrue(restored.s.slowSigma > 0, "seeded with the current sigma");
        assertTrue(restored.s.selected != 3, "the fast model has to earn selection");
        assertEquals(DetectorStateV5.VERSION, restored.toBytes()[2], "written back as the current version");
    }

    @Test
    void version1And2SnapshotsStillLoadThroughTheMigrations() throws IOException {
        for (String name : new String[] {"/detect/seasonal-state-v1.b64", "/detect/seasonal-state-v2.b64"}) {
            byte[] bytes = DetectorStateV1Test.resource(name);
            DetectorStateV4 v4 = DetectorStateV4.fromBytes(bytes);
            assertEquals(DetectorStateV3.fromBytes(bytes).count(), v4.count(), name);
            assertEquals(0.0, v4.slowSigma(), name);
            assertEquals(v4.level(), v4.levelFast(), name);
            assertEquals(0, v4.range().inBlock(), name);
            assertEquals(Status.SCORED, DetectorFactory.restore(bytes).score(START + 3_000 * FIVE_MINUTES, 10.0)
                    .status(), name);
        }
    }

    /** How the frozen V4 snapshot was made with the version 4 detector ({@code main} printed it as base64). */
    static byte[] makeFrozenSnapshot() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(2028);
        for (int i = 0; i < 2_500; i++) {
            d.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian() + (i >= 2_450 ? 1.5 : 0));
        }
        return d.toBytes();
    }

    public static void main(String[] args) {
        System.out.println(Base64.getEncoder().encodeToString(makeFrozenSnapshot()));
    }
}
