package dev.vigil.detect.state;

import dev.vigil.detect.AnomalyScore;
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

class DetectorStateV2Test {

    @Test
    void restoredDetectorScoresIdenticallyMidStreamIncludingTheRecurrenceMemory() {
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(7);
        int i = 0;
        for (; i < 3 * 288; i++) {
            original.score(START + i * FIVE_MINUTES, spiky(i, random));
        }
        SeasonalSnapshot taken = SeasonalSnapshot.of(original);
        assertNotEquals(DetectorStateV2.NO_EVENT, taken.events()[1], "the spikes must be remembered");
        assertNotEquals(DetectorStateV2.NO_EVENT, taken.lastAlarm(), "and an alarm raised");
        int from = i;
        StateFixtures.assertRestoredTwinScoresAlike(original, from, 2_000,
                n -> spiky(from + n, random) + (n == 500 ? 80 : 0));
    }

    @Test
    void stateIsCompactAtDefaultSettings() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(d, 5_000, 10, 1, new Random(3), START);
        assertTrue(DetectorStateV2.of(d).toBytes().length <= 2048, "state bytes: " + DetectorStateV2.of(d).toBytes().length);
        SeasonalDetector plain = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
        int v2 = DetectorStateV2.of(plain).toBytes().length;
        assertTrue(v2 < 300, "without profiles: " + v2);
    }

    @Test
    void frozenVersion2SnapshotStillLoadsScoresAndWritesBackTheSameBytes() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v2.b64");
        assertEquals(DetectorStateV2.VERSION, frozen[2]);
        DetectorStateV2 state = DetectorStateV2.fromBytes(frozen);
        assertEquals(2_000, state.count());
        assertEquals(DetectorSettings.defaults(), state.settings());
        assertTrue(Arrays.stream(state.events()).allMatch(e -> e != DetectorStateV2.NO_EVENT),
                "snapshot taken with three remembered events: " + Arrays.toString(state.events()));
        assertNotEquals(DetectorStateV2.NO_EVENT, state.lastAlarm(), "snapshot taken after an alarm");
        assertArrayEquals(frozen, state.toBytes(), "layout must not drift");
        SeasonalDetector d = state.toDetector();
        AnomalyScore next = d.score(START + 2_000 * FIVE_MINUTES, 10.0);
        assertEquals(Status.SCORED, next.status());
        assertEquals(10.0, next.expected(), 1.0);
    }

    @Test
    void rejectsForeignUnknownVersionAndTruncatedBytesWithAClearMessage() {
        var magic = assertThrows(IllegalArgumentException.class, () -> DetectorStateV2.fromBytes(new byte[] {1, 2, 3}));
        assertTrue(magic.getMessage().contains("bad magic"), magic.getMessage());
        byte[] future = DetectorStateV2.of(new SeasonalDetector(DetectorSettings.defaults())).toBytes();
        future[2] = 3;
        var version = assertThrows(IllegalArgumentException.class, () -> DetectorStateV2.fromBytes(future));
        assertTrue(version.getMessage().contains("unsupported state version 3"), version.getMessage());
        byte[] truncated = Arrays.copyOf(DetectorStateV2.of(new SeasonalDetector(DetectorSettings.defaults())).toBytes(), 40);
        var cut = assertThrows(IllegalArgumentException.class, () -> DetectorStateV2.fromBytes(truncated));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
    }

    /** N(10, 1) noise with a +30 spike every 100 points: fills the recurrence memory. */
    private static double spiky(int i, Random random) {
        return 10 + random.nextGaussian() + (i % 100 == 50 ? 30 : 0);
    }

    /** How the frozen V2 snapshot was made: {@code main} prints it as base64. */
    static byte[] makeFrozenSnapshot() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(2026);
        for (int i = 0; i < 2_000; i++) {
            d.score(START + i * FIVE_MINUTES, spiky(i, random));
        }
        return DetectorStateV2.of(d).toBytes();
    }

    public static void main(String[] args) {
        System.out.println(Base64.getEncoder().encodeToString(makeFrozenSnapshot()));
    }
}
