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
    void restoredDetectorScoresIdenticallyIncludingTheRangeMemory() {
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(12);
        int i = 0;
        for (; i < 2_500; i++) {
            original.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian());
        }
        assertEquals(2, original.s.range.blocks, "snapshot taken with a full block and a partial one");
        byte[] bytes = original.toBytes();
        assertEquals(DetectorStateV4.VERSION, bytes[2]);
        Detector restored = DetectorFactory.restore(bytes);
        for (int n = 0; n < 2_000; n++, i++) {
            // a few new extremes that only the range memory can recognise as such
            double v = 10 + random.nextGaussian() + (n % 400 == 399 ? 6 + n / 400.0 : 0);
            long t = START + i * FIVE_MINUTES;
            assertEquals(original.score(t, v), restored.score(t, v), "point " + n);
        }
        assertArrayEquals(original.toBytes(), restored.toBytes());
    }

    @Test
    void restoredDetectorScoresIdenticallyInAQuietPhaseIncludingTheSlowNoiseLevel() {
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(13);
        int i = 0;
        for (; i < 3 * 288; i++) {
            original.score(START + i * FIVE_MINUTES, phases(i, random));
        }
        assertTrue(original.s.slowSigma > 2 * original.s.scale, "snapshot taken in a quiet phase: slow "
                + original.s.slowSigma + ", current " + original.s.scale);
        Detector restored = DetectorFactory.restore(original.toBytes());
        for (int n = 0; n < 1_000; n++, i++) {
            double v = phases(i, random) + (n == 30 ? 40 : n == 500 ? 400 : 0);
            long t = START + i * FIVE_MINUTES;
            assertEquals(original.score(t, v), restored.score(t, v), "point " + n);
        }
        assertArrayEquals(original.toBytes(), restored.toBytes());
    }

    @Test
    void restoredDetectorScoresIdenticallyWithTheFastModelSelected() {
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(13);
        double[] walk = {50};
        int i = 0;
        for (; i < 3 * 288; i++) {
            original.score(START + i * FIVE_MINUTES, step(walk, random));
        }
        assertEquals(3, original.s.selected, "a random walk is predicted by the fast level");
        Detector restored = DetectorFactory.restore(original.toBytes());
        for (int n = 0; n < 2_000; n++, i++) {
            double v = step(walk, random) + (n == 500 ? 40 : 0);
            long t = START + i * FIVE_MINUTES;
            assertEquals(original.score(t, v), restored.score(t, v), "point " + n);
        }
        assertArrayEquals(original.toBytes(), restored.toBytes());
    }

    @Test
    void frozenVersion4SnapshotStillLoadsScoresAndWritesBackTheSameBytes() throws IOException {
        byte[] frozen = DetectorStateV1Test.resource("/detect/seasonal-state-v4.b64");
        assertEquals(DetectorStateV4.VERSION, frozen[2]);
        DetectorStateV4 state = DetectorStateV4.fromBytes(frozen);
        assertEquals(2_500, state.count());
        assertEquals(DetectorSettings.defaults(), state.settings());
        assertTrue(state.slowSigma() > 0, "snapshot taken with a slow noise level");
        assertNotEquals(new TailModel().mean, state.tails()[10], "and a slow tail learnt from the data");
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
        assertArrayEquals(new double[] {new TailModel().rate, new TailModel().mean, new TailModel().square},
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
        assertEquals(DetectorStateV4.VERSION, restored.toBytes()[2], "written back as version 4");
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

    @Test
    void stateStaysCompactAtDefaultSettings() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(d, 5_000, 10, 1, new Random(3), START);
        assertTrue(d.toBytes().length <= 2048, "state bytes: " + d.toBytes().length);
        SeasonalDetector plain = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
        assertEquals(DetectorStateV3.of(plain).toBytes().length + 126, plain.toBytes().length,
                "slow noise level and tail (32 bytes), fast level and error (16) and range memory (78)");
        assertTrue(plain.toBytes().length < 420, "without profiles: " + plain.toBytes().length);
    }

    @Test
    void rejectsForeignUnknownVersionTruncatedAndCorruptBytesWithAClearMessage() {
        var magic = assertThrows(IllegalArgumentException.class, () -> DetectorStateV4.fromBytes(new byte[] {1, 2, 3}));
        assertTrue(magic.getMessage().contains("bad magic"), magic.getMessage());
        byte[] future = new SeasonalDetector(DetectorSettings.defaults()).toBytes();
        future[2] = 5;
        var version = assertThrows(IllegalArgumentException.class, () -> DetectorStateV4.fromBytes(future));
        assertTrue(version.getMessage().contains("unsupported state version 5"), version.getMessage());
        byte[] truncated = Arrays.copyOf(new SeasonalDetector(DetectorSettings.defaults()).toBytes(), 40);
        var cut = assertThrows(IllegalArgumentException.class, () -> DetectorStateV4.fromBytes(truncated));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        SeasonalDetector plain = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
        byte[] corrupt = plain.toBytes();
        corrupt[corrupt.length - 8 - 14] = 9; // the current block index, after the range extremes
        var bad = assertThrows(IllegalArgumentException.class, () -> DetectorStateV4.fromBytes(corrupt));
        assertTrue(bad.getMessage().contains("range memory"), bad.getMessage());
    }

    /** A Gaussian random walk (steps of sd 1) plus N(0, 0.2) measurement noise: the fast model's case. */
    private static double step(double[] walk, Random random) {
        walk[0] += random.nextGaussian();
        return walk[0] + 0.2 * random.nextGaussian();
    }

    /** Noisy phases (N(100, 10), 200 points) alternating with quiet ones (N(100, 0.1), 100 points). */
    private static double phases(int i, Random random) {
        return 100 + (i % 300 < 200 ? 10 : 0.1) * random.nextGaussian();
    }

    /** How the frozen V4 snapshot was made: {@code main} prints it as base64. */
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
