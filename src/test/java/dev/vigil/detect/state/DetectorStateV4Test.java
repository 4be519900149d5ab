package dev.vigil.detect.state;

import dev.vigil.detect.AnomalyScore;
import dev.vigil.detect.DetectorSettings;
import dev.vigil.detect.SeasonalDetector;
import dev.vigil.detect.SeasonalSnapshot;
import dev.vigil.detect.Status;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorStateV4Test {

    @Test
    void frozenVersion4SnapshotStillLoadsScoresAndWritesBackTheSameBytes() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v4.b64");
        assertEquals(DetectorStateV4.VERSION, frozen[2]);
        DetectorStateV4 state = DetectorStateV4.fromBytes(frozen);
        assertEquals(2_500, state.fields().count());
        assertEquals(DetectorSettings.defaults(), state.fields().settings());
        assertTrue(state.fields().slowSigma() > 0, "snapshot taken with a slow noise level");
        assertNotEquals(SeasonalSnapshot.Tail.prior().mean(), state.fields().tails()[10], "and a slow tail learnt from the data");
        assertEquals(2, state.fields().range().blocks(), "snapshot taken with a full block and a partial one");
        assertEquals(2_500 - SeasonalSnapshot.Range.BLOCK_POINTS, state.fields().range().inBlock());
        assertTrue(state.fields().range().high()[0] > 12 && state.fields().range().low()[0] < 8,
                Arrays.toString(state.fields().range().high()));
        assertArrayEquals(frozen, state.toBytes(), "layout must not drift");
        AnomalyScore next = state.toDetector().score(START + 2_500 * FIVE_MINUTES, 10.0);
        assertEquals(Status.SCORED, next.status());
        assertEquals(10.0, next.expected(), 1.5);
    }

    @Test
    void version3SnapshotMigratesWithAPriorSlowTailAndAnEmptyRangeMemory() throws IOException {
        byte[] v3bytes = StateFixtures.read("/detect/seasonal-state-v3.b64");
        DetectorStateV3 v3 = DetectorStateV3.fromBytes(v3bytes);
        DetectorStateV4 v4 = DetectorStateV4.fromBytes(v3bytes);
        assertEquals(v3.count(), v4.fields().count());
        assertEquals(v3.level(), v4.fields().level());
        assertArrayEquals(v3.events(), v4.fields().events());
        assertEquals(v3.lastAlarm(), v4.fields().lastAlarm());
        assertEquals(v3.cusumUp(), v4.fields().cusumUp());
        assertEquals(v3.cusumDown(), v4.fields().cusumDown());
        assertArrayEquals(v3.daily(), v4.fields().daily());
        assertArrayEquals(v3.tails(), Arrays.copyOf(v4.fields().tails(), 9));
        assertArrayEquals(new double[] {DetectorStateV4.PRIOR_RATE, SeasonalSnapshot.Tail.prior().mean(), SeasonalSnapshot.Tail.prior().square()},
                Arrays.copyOfRange(v4.fields().tails(), 9, 12));
        assertEquals(0.0, v4.fields().slowSigma());
        assertEquals(v3.level(), v4.fields().levelFast());
        assertEquals(v3.errNone() / SeasonalSnapshot.FAST_GAIN, v4.fields().errFast(), 1e-12);
        assertEquals(1, v4.fields().range().blocks());
        assertEquals(0, v4.fields().range().inBlock());
        assertEquals(Double.NEGATIVE_INFINITY, v4.fields().range().high()[0]);
        SeasonalDetector restored = v4.toDetector();
        assertEquals(Status.SCORED, restored.score(START + 2_000 * FIVE_MINUTES, 10.0).status());
        SeasonalSnapshot scored = SeasonalSnapshot.of(restored);
        assertTrue(scored.slowSigma() > 0, "seeded with the current sigma");
        assertTrue(scored.selected() != 3, "the fast model has to earn selection");
        assertEquals(DetectorStateV8.VERSION, DetectorCodec.encode(restored)[2], "written back as the current version");
    }

    @Test
    void version1And2SnapshotsStillLoadThroughTheMigrations() throws IOException {
        for (String name : new String[] {"/detect/seasonal-state-v1.b64", "/detect/seasonal-state-v2.b64"}) {
            byte[] bytes = StateFixtures.read(name);
            DetectorStateV4 v4 = DetectorStateV4.fromBytes(bytes);
            assertEquals(DetectorStateV3.fromBytes(bytes).count(), v4.fields().count(), name);
            assertEquals(0.0, v4.fields().slowSigma(), name);
            assertEquals(v4.fields().level(), v4.fields().levelFast(), name);
            assertEquals(0, v4.fields().range().inBlock(), name);
            assertEquals(Status.SCORED, DetectorCodec.decode(bytes).score(START + 3_000 * FIVE_MINUTES, 10.0)
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
        return DetectorCodec.encode(d);
    }

    public static void main(String[] args) {
        System.out.println(Base64.getEncoder().encodeToString(makeFrozenSnapshot()));
    }
}
