package dev.vigil.detect.state;

import dev.vigil.detect.SeasonalDetector;
import dev.vigil.detect.SeasonalSnapshot;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Version 7 of the persisted state of a {@link SeasonalDetector}: version 6's fields and
 * layout ({@link DetectorStateV6}, version byte 7), then an 8-byte trailer: the daily profile's gain and the running
 * mean square of its shape, as two floats (1 and 0 without a daily profile). {@link #fromBytes} also reads versions 1
 * to 6 and migrates them (see {@link #migrate}).
 *
 * @param fields the detector's state
 */
public record DetectorStateV7(SeasonalSnapshot fields) {

    static final byte VERSION = 7;
    private static final int TRAILER_BYTES = 2 * 4;

    static DetectorStateV7 of(SeasonalDetector d) {
        return new DetectorStateV7(SeasonalSnapshot.of(d));
    }

    /**
     * Version 6 (or older, migrated) state as version 7: the daily profile's gain starts at 1 (the profile as it
     * was) and the running mean square of its shape at its knots' mean square, so the gain's first steps are
     * normalised as later ones are; everything else is kept.
     */
    static DetectorStateV7 migrate(DetectorStateV6 v6) {
        return new DetectorStateV7(v6.fields());
    }

    /** The live detector this state describes. */
    public SeasonalDetector toDetector() {
        return fields.toDetector();
    }

    public byte[] toBytes() {
        return write(fields, VERSION, 0).array();
    }

    /**
     * Version 7's layout under {@code version}, with room for {@code trailerBytes} more after it (version 8 appends
     * its fields there); the buffer is positioned at that room.
     */
    static ByteBuffer write(SeasonalSnapshot fields, byte version, int trailerBytes) {
        ByteBuffer b = DetectorStateV6.write(fields, version, TRAILER_BYTES + trailerBytes);
        SeasonalSnapshot.ProfileScale scale = fields.dailyScale();
        return b.putFloat(scale == null ? 1 : scale.gain()).putFloat(scale == null ? 0 : scale.meanSquare());
    }

    /**
     * Reads version 7's layout under {@code version} from {@code b}, leaving it positioned after version 7's trailer;
     * {@code expected} names the versions the caller reads, for the error message.
     */
    static SeasonalSnapshot read(ByteBuffer b, byte version, String expected) {
        SeasonalSnapshot fields = DetectorStateV6.read(b, version, expected);
        try {
            var scale = new SeasonalSnapshot.ProfileScale(b.getFloat(), b.getFloat());
            return fields.withDailyScale(fields.daily() == null ? null : scale);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated or corrupt detector state (" + b.capacity() + " bytes)", e);
        }
    }

    /**
     * Reads bytes written by {@link #toBytes()} or by versions 1 to 6 (migrated); fails with a clear message on
     * anything else.
     */
    public static DetectorStateV7 fromBytes(byte[] bytes) {
        int version = StateHeader.versionOf(bytes);
        if (version >= DetectorStateV1.VERSION && version <= DetectorStateV6.VERSION) {
            return migrate(DetectorStateV6.fromBytes(bytes));
        }
        return new DetectorStateV7(read(ByteBuffer.wrap(bytes), VERSION, "1, 2, 3, 4, 5, 6 or 7"));
    }
}
