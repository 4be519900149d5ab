package dev.vigil.detect.state;

import dev.vigil.detect.AnomalyScore;
import dev.vigil.detect.DetectorSettings;
import dev.vigil.detect.SeasonalDetector;
import dev.vigil.detect.SeasonalSnapshot;
import dev.vigil.detect.Seasonality;
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

class DetectorStateV5Test {

    @Test
    void rejectsForeignUnknownVersionTruncatedAndCorruptBytesWithAClearMessage() {
        var magic = assertThrows(IllegalArgumentException.class, () -> DetectorStateV5.fromBytes(new byte[] {1, 2, 3}));
        assertTrue(magic.getMessage().contains("bad magic"), magic.getMessage());
        byte[] future = v5(new SeasonalDetector(DetectorSettings.defaults()));
        future[2] = 7;
        var version = assertThrows(IllegalArgumentException.class, () -> DetectorStateV5.fromBytes(future));
        assertTrue(version.getMessage().contains("unsupported state version 7"), version.getMessage());
        byte[] truncated = Arrays.copyOf(v5(new SeasonalDetector(DetectorSettings.defaults())), 40);
        var cut = assertThrows(IllegalArgumentException.class, () -> DetectorStateV5.fromBytes(truncated));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        SeasonalDetector plain = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
        byte[] corrupt = v5(plain);
        corrupt[corrupt.length - 8 - 14] = 9; // the current block index, after the range extremes
        var bad = assertThrows(IllegalArgumentException.class, () -> DetectorStateV5.fromBytes(corrupt));
        assertTrue(bad.getMessage().contains("range memory"), bad.getMessage());
    }

    @Test
    void frozenVersion5SnapshotStillLoadsScoresAndWritesBackTheSameBytes() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v5.b64");
        assertEquals(DetectorStateV5.VERSION, frozen[2]);
        DetectorStateV5 state = DetectorStateV5.fromBytes(frozen);
        assertEquals(2_500, state.fields().count());
        assertEquals(DetectorSettings.defaults(), state.fields().settings());
        assertNotEquals(SeasonalSnapshot.Tail.prior().threshold(), state.fields().tails()[0], "a point threshold learnt from the data");
        assertArrayEquals(frozen, state.toBytes(), "layout must not drift");
        AnomalyScore next = state.toDetector().score(START + 2_500 * FIVE_MINUTES, 10.0);
        assertEquals(Status.SCORED, next.status());
        assertEquals(10.0, next.expected(), 1.5);
    }

    @Test
    void version5StateLoadsWithTheVolatilityTestNotYetStarted() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v5.b64");
        DetectorStateV6 migrated = DetectorStateV6.fromBytes(frozen);
        assertEquals(DetectorStateV5.fromBytes(frozen).fields().count(), migrated.fields().count());
        assertTrue(Double.isNaN(migrated.fields().volatility()), "not started: the detector sets its centre");
        assertEquals(SeasonalSnapshot.Tail.prior(), migrated.fields().volatilityTail());
        SeasonalDetector restored = migrated.toDetector();
        assertEquals(Math.sqrt(2 / Math.PI), SeasonalSnapshot.of(restored).volatility(), 1e-12,
                "E|z| of Gaussian noise: the volatility test starts at its centre");
        byte[] rewritten = DetectorCodec.encode(restored);
        assertEquals(DetectorStateV8.VERSION, rewritten[2], "written back as the current version");
    }

    /** Version 5 bytes of a live detector: version 4's layout under version byte 5, as version 5 wrote them. */
    private static byte[] v5(SeasonalDetector d) {
        return new DetectorStateV5(SeasonalSnapshot.of(d)).toBytes();
    }

    /**
     * How the frozen V5 snapshot was made (with the detector of version 5's time, commit 545c2e5 and before:
     * today's detector would write version 6): {@code main} prints it as base64.
     */
    static byte[] makeFrozenSnapshot() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(2029);
        for (int i = 0; i < 2_500; i++) {
            d.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian() + (i >= 2_450 ? 1.5 : 0));
        }
        return v5(d);
    }

    public static void main(String[] args) {
        System.out.println(Base64.getEncoder().encodeToString(makeFrozenSnapshot()));
    }
}
