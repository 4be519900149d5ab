package dev.vigil.detect.state;

import dev.vigil.detect.AnomalyScore;
import dev.vigil.detect.Detector;
import dev.vigil.detect.DetectorSettings;
import dev.vigil.detect.SeasonalDetector;
import dev.vigil.detect.SeasonalSnapshot;
import dev.vigil.detect.Seasonality;
import dev.vigil.detect.Series;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorStateV3Test {

    @Test
    void restoredDetectorScoresIdenticallyMidDriftIncludingTheCusumSums() {
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(11);
        int i = 0;
        for (; i < 3 * 288; i++) {
            original.score(START + i * FIVE_MINUTES, drifting(i, random));
        }
        double cusumUp = SeasonalSnapshot.of(original).cusumUp();
        assertTrue(cusumUp > 0, "snapshot taken while the upward drift sum is open: " + cusumUp);
        assertEquals(DetectorStateV8.VERSION, DetectorCodec.encode(original)[2], "written as the current version");
        int from = i;
        StateFixtures.assertRestoredTwinScoresAlike(original, from, 2_000,
                n -> drifting(from + n, random) + (n == 500 ? 80 : 0));
    }

    @Test
    void frozenVersion3SnapshotStillLoadsScoresAndWritesBackTheSameBytes() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v3.b64");
        assertEquals(DetectorStateV3.VERSION, frozen[2]);
        DetectorStateV3 state = DetectorStateV3.fromBytes(frozen);
        assertEquals(2_000, state.count());
        assertEquals(DetectorSettings.defaults(), state.settings());
        assertTrue(state.cusumUp() > 0 || state.cusumDown() > 0, "snapshot taken with an open drift sum");
        assertNotEquals(SeasonalSnapshot.Tail.prior().mean(), state.tails()[7], "and a drift tail learnt from the data");
        assertArrayEquals(frozen, state.toBytes(), "layout must not drift");
        AnomalyScore next = state.toDetector().score(START + 2_000 * FIVE_MINUTES, 10.0);
        assertEquals(Status.SCORED, next.status());
        assertEquals(10.0, next.expected(), 1.5);
    }

    @Test
    void version2SnapshotMigratesWithEmptyDriftSumsAndPriorDriftTail() throws IOException {
        byte[] v2bytes = StateFixtures.read("/detect/seasonal-state-v2.b64");
        DetectorStateV2 v2 = DetectorStateV2.fromBytes(v2bytes);
        DetectorStateV3 v3 = DetectorStateV3.fromBytes(v2bytes);
        assertEquals(v2.count(), v3.count());
        assertEquals(v2.level(), v3.level());
        assertArrayEquals(v2.events(), v3.events());
        assertEquals(v2.lastAlarm(), v3.lastAlarm());
        assertArrayEquals(v2.tails(), Arrays.copyOf(v3.tails(), 6));
        assertArrayEquals(new double[] {DetectorStateV4.PRIOR_RATE, SeasonalSnapshot.Tail.prior().mean(), SeasonalSnapshot.Tail.prior().square()},
                Arrays.copyOfRange(v3.tails(), 6, 9));
        assertEquals(0.0, v3.cusumUp());
        assertEquals(0.0, v3.cusumDown());
        assertArrayEquals(v2.daily(), v3.daily());
        Detector restored = DetectorCodec.decode(v2bytes);
        assertEquals(DetectorStateV8.VERSION, DetectorCodec.encode(restored)[2], "written back as the current version");
        assertEquals(Status.SCORED, restored.score(START + 2_000 * FIVE_MINUTES, 10.0).status());
    }

    @Test
    void version1SnapshotStillLoadsThroughBothMigrations() throws IOException {
        byte[] v1bytes = StateFixtures.read("/detect/seasonal-state-v1.b64");
        assertEquals(DetectorStateV1.VERSION, v1bytes[2]);
        DetectorStateV3 v3 = DetectorStateV3.fromBytes(v1bytes);
        assertEquals(DetectorStateV1.fromBytes(v1bytes).count(), v3.count());
        assertEquals(DetectorStateV3.NO_EVENT, v3.lastAlarm());
        assertEquals(0.0, v3.cusumUp());
    }

    @Test
    void version3LayoutStaysCompactAtDefaultSettings() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(d, 5_000, 10, 1, new Random(3), START);
        assertTrue(DetectorStateV3.of(d).toBytes().length <= 2048, "state bytes: " + DetectorStateV3.of(d).toBytes().length);
        SeasonalDetector plain = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
        int v3 = DetectorStateV3.of(plain).toBytes().length;
        assertTrue(v3 < 300, "without profiles: " + v3);
    }

    @Test
    void rejectsForeignUnknownVersionAndTruncatedBytesWithAClearMessage() {
        var magic = assertThrows(IllegalArgumentException.class, () -> DetectorStateV3.fromBytes(new byte[] {1, 2, 3}));
        assertTrue(magic.getMessage().contains("bad magic"), magic.getMessage());
        byte[] future = DetectorStateV3.of(new SeasonalDetector(DetectorSettings.defaults())).toBytes();
        future[2] = 5;
        var version = assertThrows(IllegalArgumentException.class, () -> DetectorStateV3.fromBytes(future));
        assertTrue(version.getMessage().contains("unsupported state version 5"), version.getMessage());
        byte[] truncated = Arrays.copyOf(DetectorStateV3.of(new SeasonalDetector(DetectorSettings.defaults())).toBytes(), 40);
        var cut = assertThrows(IllegalArgumentException.class, () -> DetectorStateV3.fromBytes(truncated));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
    }

    /** N(10, 1) noise that drifts upwards by 0.02 per point from point 700 on: opens the upward drift sum. */
    private static double drifting(int i, Random random) {
        return 10 + random.nextGaussian() + (i >= 700 ? 0.02 * (i - 700) : 0);
    }

    /** How the frozen V3 snapshot was made (by the detector of the day, before the range test): {@code main} prints it as base64. */
    static byte[] makeFrozenSnapshot() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(2027);
        for (int i = 0; i < 2_000; i++) {
            d.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian() + (i >= 1_950 ? 1.5 : 0));
        }
        return DetectorStateV3.of(d).toBytes();
    }

    public static void main(String[] args) {
        System.out.println(Base64.getEncoder().encodeToString(makeFrozenSnapshot()));
    }
}
