package dev.vigil.detect.state;

import dev.vigil.detect.AnomalyScore;
import dev.vigil.detect.Detector;
import dev.vigil.detect.DetectorSettings;
import dev.vigil.detect.SeasonalDetector;
import dev.vigil.detect.SeasonalSnapshot;
import dev.vigil.detect.Status;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static dev.vigil.detect.Series.FIVE_MINUTES;
import static dev.vigil.detect.Series.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorStateV1Test {

    @Test
    void frozenVersion1SnapshotStillLoadsAndScores() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v1.b64");
        SeasonalDetector d = DetectorStateV1.fromBytes(frozen).toDetector();
        assertEquals(2_000, SeasonalSnapshot.of(d).count());
        assertEquals(DetectorSettings.defaults(), d.settings());
        AnomalyScore next = d.score(START + 2_000 * FIVE_MINUTES, 10.0);
        assertEquals(Status.SCORED, next.status());
        assertEquals(10.0, next.expected(), 1.0);
    }

    @Test
    void frozenVersion1SnapshotIsMigratedToVersion2WithAnEmptyRecurrenceMemory() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v1.b64");
        DetectorStateV1 v1 = DetectorStateV1.fromBytes(frozen);
        DetectorStateV2 v2 = DetectorStateV2.fromBytes(frozen);
        assertEquals(v1.count(), v2.count());
        assertEquals(v1.level(), v2.level());
        assertArrayEquals(v1.tails(), v2.tails());
        assertArrayEquals(v1.daily(), v2.daily());
        assertArrayEquals(v1.weekly(), v2.weekly());
        assertArrayEquals(new long[] {DetectorStateV2.NO_EVENT, DetectorStateV2.NO_EVENT, DetectorStateV2.NO_EVENT},
                v2.events());
        assertEquals(DetectorStateV2.NO_EVENT, v2.lastAlarm());
        // What a node does with an old checkpoint: restore, score on, and write it back as the current version.
        Detector restored = DetectorCodec.decode(frozen);
        AnomalyScore next = restored.score(START + 2_000 * FIVE_MINUTES, 10.0);
        assertEquals(Status.SCORED, next.status());
        byte[] rewritten = DetectorCodec.encode(restored);
        assertEquals(DetectorStateV8.VERSION, rewritten[2]);
        assertEquals(2_001, DetectorStateV8.fromBytes(rewritten).fields().count());
    }

    @Test
    void rejectsForeignBytesWithAClearMessage() throws IOException {
        var e = assertThrows(IllegalArgumentException.class, () -> DetectorStateV1.fromBytes(new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(StateFixtures.read("/detect/seasonal-state-v1.b64"), 40);
        var t = assertThrows(IllegalArgumentException.class, () -> DetectorStateV1.fromBytes(truncated));
        assertTrue(t.getMessage().contains("truncated"), t.getMessage());
    }

    // The frozen snapshot was made before version 2 existed (commit 180ff09) by feeding a default detector
    // 2,000 points of N(10, 1) noise (seed 2026) from Series.START and writing its bytes; today's
    // DetectorCodec.encode writes version 8 (see DetectorStateV8Test for its own frozen snapshot).
}
