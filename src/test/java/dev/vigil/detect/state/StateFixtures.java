package dev.vigil.detect.state;

import dev.vigil.detect.Detector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.IntToDoubleFunction;

import static dev.vigil.detect.Series.FIVE_MINUTES;
import static dev.vigil.detect.Series.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The frozen detector states under src/test/resources/detect, each a base64 text of the bytes, and the round-trip
 * check every state version's test makes.
 */
public final class StateFixtures {

    private StateFixtures() {
    }

    public static byte[] read(String name) throws IOException {
        try (InputStream in = StateFixtures.class.getResourceAsStream(name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            return Base64.getDecoder().decode(text);
        }
    }

    /**
     * Restores a twin of {@code original} from its encoded state, feeds both the values {@code value} gives for
     * {@code n = 0 .. points - 1} at 5-minute steps from point {@code from} on, and asserts identical scores at every
     * point and identical bytes after: restoring loses nothing the detector judges by.
     */
    public static void assertRestoredTwinScoresAlike(Detector original, int from, int points, IntToDoubleFunction value) {
        Detector restored = DetectorCodec.decode(DetectorCodec.encode(original));
        for (int n = 0; n < points; n++) {
            double v = value.applyAsDouble(n);
            long t = START + (from + n) * FIVE_MINUTES;
            assertEquals(original.score(t, v), restored.score(t, v), "point " + n);
        }
        assertArrayEquals(DetectorCodec.encode(original), DetectorCodec.encode(restored));
    }
}
