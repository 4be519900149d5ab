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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorStateV7Test {

    @Test
    void frozenVersion7SnapshotStillLoadsScoresAndWritesBackTheSameBytes() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v7.b64");
        assertEquals(DetectorStateV7.VERSION, frozen[2]);
        DetectorStateV7 state = DetectorStateV7.fromBytes(frozen);
        assertEquals(4 * 288, state.fields().count());
        assertEquals(DetectorSettings.defaults(), state.fields().settings());
        assertNotEquals(1.0f, state.fields().dailyScale().gain(), "a gain learnt from the data");
        assertArrayEquals(frozen, state.toBytes(), "layout must not drift");
        AnomalyScore next = state.toDetector().score(START + 4 * 288 * FIVE_MINUTES, 100.0);
        assertEquals(Status.SCORED, next.status());
    }

    @Test
    void version7MigratesToVersion8WithNoRunFollowed() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v7.b64");
        DetectorStateV8 migrated = DetectorStateV8.fromBytes(frozen);
        assertNull(migrated.fields().origin());
        byte[] v8 = migrated.toBytes();
        assertEquals(DetectorStateV8.VERSION, v8[2]);
        byte[] expected = Arrays.copyOf(frozen, frozen.length + 1); // version 7's bytes and "no run followed"
        expected[2] = DetectorStateV8.VERSION;
        assertArrayEquals(expected, v8);
        AnomalyScore viaV7 = DetectorStateV7.fromBytes(frozen).toDetector().score(START + 4 * 288 * FIVE_MINUTES, 100.0);
        AnomalyScore viaV8 = migrated.toDetector().score(START + 4 * 288 * FIVE_MINUTES, 100.0);
        assertEquals(viaV7, viaV8);
    }

    @Test
    void rejectsATruncatedTrailerWithAClearMessage() {
        byte[] full = new DetectorStateV7(SeasonalSnapshot.of(new SeasonalDetector(DetectorSettings.defaults()))).toBytes();
        byte[] truncated = Arrays.copyOf(full, full.length - 4);
        var cut = assertThrows(IllegalArgumentException.class, () -> DetectorStateV7.fromBytes(truncated));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
    }

    /** How the frozen V7 snapshot was made (written as version 7): {@code main} prints it as base64. */
    static byte[] makeFrozenSnapshot() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(2031);
        for (int i = 0; i < 4 * 288; i++) { // the pattern's swing grows by half on the fourth day
            d.score(START + i * FIVE_MINUTES, 100 + (i >= 3 * 288 ? 1.5 : 1) * (DetectorStateV8Test.weekday(i, random) - 100));
        }
        return new DetectorStateV7(SeasonalSnapshot.of(d)).toBytes();
    }

    public static void main(String[] args) {
        System.out.println(Base64.getEncoder().encodeToString(makeFrozenSnapshot()));
    }
}
