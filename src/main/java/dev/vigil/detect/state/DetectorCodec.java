package dev.vigil.detect.state;

import dev.vigil.detect.Detector;
import dev.vigil.detect.SeasonalDetector;

/**
 * A detector's state as bytes, what a checkpoint stores: written in the current version ({@link DetectorStateV8}),
 * read in any version (older ones are migrated on the way).
 */
public final class DetectorCodec {

    private DetectorCodec() {
    }

    /** The detector's state in the current version. */
    public static byte[] encode(Detector detector) {
        if (detector instanceof SeasonalDetector seasonal) {
            return DetectorStateV8.of(seasonal).toBytes();
        }
        throw new IllegalArgumentException("no state codec for " + detector.getClass().getSimpleName());
    }

    /** The detector whose state {@link #encode} (or an older version) wrote; a clear message on anything else. */
    public static SeasonalDetector decode(byte[] state) {
        return DetectorStateV8.fromBytes(state).toDetector();
    }
}
