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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorStateV6Test {

    @Test
    void frozenVersion6SnapshotStillLoadsScoresAndWritesBackTheSameBytes() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v6.b64");
        assertEquals(DetectorStateV6.VERSION, frozen[2]);
        DetectorStateV6 state = DetectorStateV6.fromBytes(frozen);
        assertEquals(2_500, state.fields().count());
        assertEquals(DetectorSettings.defaults(), state.fields().settings());
        assertNotEquals(SeasonalSnapshot.Tail.prior(), state.fields().volatilityTail(), "a volatility tail learnt from the data");
        assertArrayEquals(frozen, state.toBytes(), "layout must not drift");
        AnomalyScore next = state.toDetector().score(START + 2_500 * FIVE_MINUTES, 10.0);
        assertEquals(Status.SCORED, next.status());
        assertEquals(10.0, next.expected(), 1.5);
    }

    @Test
    void rejectsATruncatedTrailerWithAClearMessage() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v6.b64");
        byte[] truncated = Arrays.copyOf(frozen, frozen.length - 8);
        var cut = assertThrows(IllegalArgumentException.class, () -> DetectorStateV6.fromBytes(truncated));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
    }

    @Test
    void version6StateLoadsWithTheDailyGainAtOneAndTheKnotsMeanSquare() throws IOException {
        byte[] frozen = StateFixtures.read("/detect/seasonal-state-v6.b64");
        DetectorStateV7 migrated = DetectorStateV7.fromBytes(frozen);
        SeasonalSnapshot v6 = DetectorStateV6.fromBytes(frozen).fields();
        assertEquals(v6.count(), migrated.fields().count());
        assertEquals(1.0f, migrated.fields().dailyScale().gain(), "the profile as it was");
        double sum = 0;
        int learnt = 0;
        for (float k : v6.daily()) {
            if (!Float.isNaN(k)) {
                sum += (double) k * k;
                learnt++;
            }
        }
        assertTrue(learnt > 0, "the fixture has a learnt daily profile");
        assertEquals(sum / learnt, migrated.fields().dailyScale().meanSquare(), 1e-6 * (1 + sum / learnt));
        byte[] rewritten = DetectorCodec.encode(migrated.toDetector());
        assertEquals(DetectorStateV8.VERSION, rewritten[2], "written back as the current version");
    }

    /**
     * How the frozen V6 snapshot was made (with the detector of version 6's time, commit 4ed0453 and before: today's
     * detector would write version 7): {@code main} prints it as base64.
     */
    static byte[] makeFrozenSnapshot() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(2030);
        for (int i = 0; i < 2_500; i++) {
            d.score(START + i * FIVE_MINUTES, 10 + random.nextGaussian() * (i >= 2_400 ? 3 : 1));
        }
        return new DetectorStateV6(SeasonalSnapshot.of(d)).toBytes();
    }

    public static void main(String[] args) {
        System.out.println(Base64.getEncoder().encodeToString(makeFrozenSnapshot()));
    }
}
