package dev.vigil.detect;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import static dev.vigil.detect.Series.DAY;
import static dev.vigil.detect.Series.FIVE_MINUTES;
import static dev.vigil.detect.Series.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorStateV1Test {

    @Test
    void restoredDetectorScoresIdenticallyMidStream() {
        SeasonalDetector original = new SeasonalDetector(DetectorSettings.defaults());
        Random random = new Random(7);
        long t = START;
        for (; t < START + 3 * DAY; t += FIVE_MINUTES) {
            original.score(t, Series.daily(t, random.nextGaussian()));
        }
        Detector restored = DetectorFactory.restore(original.toBytes());
        for (int i = 0; i < 2_000; i++, t += FIVE_MINUTES) {
            double v = Series.daily(t, random.nextGaussian()) + (i == 500 ? 80 : 0);
            assertEquals(original.score(t, v), restored.score(t, v), "point " + i);
        }
        assertArrayEquals(original.toBytes(), restored.toBytes());
    }

    @Test
    void stateIsCompactAtDefaultSettings() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(d, 5_000, 10, 1, new Random(3), START);
        assertTrue(d.toBytes().length <= 2048, "state bytes: " + d.toBytes().length);
        SeasonalDetector plain = new SeasonalDetector(DetectorSettings.defaults().withSeasonality(Seasonality.NONE));
        assertTrue(plain.toBytes().length < 300, "without profiles: " + plain.toBytes().length);
    }

    @Test
    void frozenVersion1SnapshotStillLoadsAndScores() throws IOException {
        byte[] frozen = resource("/detect/seasonal-state-v1.b64");
        SeasonalDetector d = DetectorStateV1.fromBytes(frozen).toDetector();
        assertEquals(2_000, d.s.count);
        assertEquals(DetectorSettings.defaults(), d.settings());
        AnomalyScore next = d.score(START + 2_000 * FIVE_MINUTES, 10.0);
        assertEquals(Status.SCORED, next.status());
        assertEquals(10.0, next.expected(), 1.0);
    }

    @Test
    void rejectsForeignBytesWithAClearMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> DetectorStateV1.fromBytes(new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(new SeasonalDetector(DetectorSettings.defaults()).toBytes(), 40);
        var t = assertThrows(IllegalArgumentException.class, () -> DetectorStateV1.fromBytes(truncated));
        assertTrue(t.getMessage().contains("truncated"), t.getMessage());
    }

    /** How the frozen snapshot was made (kept so a V2 can add its own next to it). */
    static byte[] makeFrozenSnapshot() {
        SeasonalDetector d = new SeasonalDetector(DetectorSettings.defaults());
        Series.feedNoise(d, 2_000, 10, 1, new Random(2026), START);
        return d.toBytes();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DetectorStateV1Test.class.getResourceAsStream(name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            return Base64.getDecoder().decode(text);
        }
    }

    public static void main(String[] args) {
        System.out.println(Base64.getEncoder().encodeToString(makeFrozenSnapshot()));
    }
}
