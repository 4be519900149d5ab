package dev.vigil.detect.state;

import dev.vigil.detect.SeasonalDetector;
import dev.vigil.detect.SeasonalSnapshot;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Version 6 of the persisted state of a {@link SeasonalDetector}: version 5's fields and
 * layout ({@link DetectorStateV4}, version byte 6), then a 40-byte trailer: the volatility test's EWMA of |z|, its
 * tail model (threshold, mean excess, mean squared excess) and the score of the last alarm (the alarm hold lets a
 * critical score through after a lesser alarm). {@link #fromBytes} also reads versions 1 to 5 and migrates them (see
 * {@link #migrate}).
 *
 * @param fields the detector's state
 */
public record DetectorStateV6(SeasonalSnapshot fields) {

    static final byte VERSION = 6;
    private static final int TRAILER_BYTES = 5 * 8;

    static DetectorStateV6 of(SeasonalDetector d) {
        return new DetectorStateV6(SeasonalSnapshot.of(d));
    }

    /**
     * Version 5 (or older, migrated) state as version 6: the volatility test starts afresh (its average at its
     * centre, its tail at the prior: it learns like a new series' tests, from the points after the upgrade) and a
     * last alarm, if any, counts as not critical; everything else is kept.
     */
    static DetectorStateV6 migrate(DetectorStateV5 v5) {
        return new DetectorStateV6(v5.fields());
    }

    /** The live detector this state describes. */
    public SeasonalDetector toDetector() {
        return fields.toDetector();
    }

    public byte[] toBytes() {
        return write(fields, VERSION, 0).array();
    }

    /**
     * Version 6's layout under {@code version}, with room for {@code trailerBytes} more after it (version 7 appends
     * its fields there); the buffer is positioned at that room.
     */
    static ByteBuffer write(SeasonalSnapshot fields, byte version, int trailerBytes) {
        ByteBuffer b = DetectorStateV4.write(fields, version, TRAILER_BYTES + trailerBytes);
        SeasonalSnapshot.Tail tail = fields.volatilityTail();
        return b.putDouble(fields.volatility()).putDouble(tail.threshold()).putDouble(tail.mean())
                .putDouble(tail.square()).putDouble(fields.lastAlarmScore());
    }

    /**
     * Reads version 6's layout under {@code version} from {@code b}, leaving it positioned after version 6's trailer;
     * {@code expected} names the versions the caller reads, for the error message.
     */
    static SeasonalSnapshot read(ByteBuffer b, byte version, String expected) {
        SeasonalSnapshot fields = DetectorStateV4.read(b, version, expected);
        try {
            double volatility = b.getDouble();
            var tail = new SeasonalSnapshot.Tail(b.getDouble(), b.getDouble(), b.getDouble());
            return fields.withVolatility(volatility, tail, b.getDouble());
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated or corrupt detector state (" + b.capacity() + " bytes)", e);
        }
    }

    /**
     * Reads bytes written by {@link #toBytes()} or by versions 1 to 5 (migrated); fails with a clear message on
     * anything else.
     */
    public static DetectorStateV6 fromBytes(byte[] bytes) {
        int version = StateHeader.versionOf(bytes);
        if (version >= DetectorStateV1.VERSION && version <= DetectorStateV5.VERSION) {
            return migrate(DetectorStateV5.fromBytes(bytes));
        }
        return new DetectorStateV6(read(ByteBuffer.wrap(bytes), VERSION, "1, 2, 3, 4, 5 or 6"));
    }
}
