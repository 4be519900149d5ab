package dev.vigil.detect.state;

import dev.vigil.detect.SeasonalDetector;
import dev.vigil.detect.SeasonalSnapshot;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Version 8 of the persisted state of a {@link SeasonalDetector}, the one written today: version 7's fields and
 * layout ({@link DetectorStateV7}, version byte 8), then where the run being followed started from: one byte, 0 when
 * no run is followed (most of the time), 1 followed by the origin ({@link SeasonalSnapshot.Origin}: its 16 doubles,
 * the adopted shift as a double, the points seen at adoption as a long, the returns as an int; 148 bytes).
 * {@link #fromBytes} also reads versions 1 to 7 and migrates them (see {@link #migrate}).
 *
 * @param fields the detector's state
 */
public record DetectorStateV8(SeasonalSnapshot fields) {

    static final byte VERSION = 8;
    private static final int ORIGIN_BYTES = SeasonalSnapshot.Origin.VALUES * 8 + 8 + 8 + 4;

    static DetectorStateV8 of(SeasonalDetector d) {
        return new DetectorStateV8(SeasonalSnapshot.of(d));
    }

    /**
     * Version 7 (or older, migrated) state as version 8: no run is followed (a run under way when the state was saved
     * is adopted or not as before, without a way back to its origin); everything else is kept.
     */
    static DetectorStateV8 migrate(DetectorStateV7 v7) {
        return new DetectorStateV8(v7.fields().withOrigin(null));
    }

    /** The live detector this state describes. */
    public SeasonalDetector toDetector() {
        return fields.toDetector();
    }

    public byte[] toBytes() {
        SeasonalSnapshot.Origin origin = fields.origin();
        ByteBuffer b = DetectorStateV7.write(fields, VERSION, 1 + (origin == null ? 0 : ORIGIN_BYTES));
        if (origin == null) {
            return b.put((byte) 0).array();
        }
        b.put((byte) 1);
        for (double v : origin.before()) {
            b.putDouble(v);
        }
        return b.putDouble(origin.shift()).putLong(origin.adoptedAt()).putInt(origin.returns()).array();
    }

    /**
     * Reads bytes written by {@link #toBytes()} or by versions 1 to 7 (migrated); fails with a clear message on
     * anything else.
     */
    public static DetectorStateV8 fromBytes(byte[] bytes) {
        int version = StateHeader.versionOf(bytes);
        if (version >= DetectorStateV1.VERSION && version <= DetectorStateV7.VERSION) {
            return migrate(DetectorStateV7.fromBytes(bytes));
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        SeasonalSnapshot fields = DetectorStateV7.read(b, VERSION, "1, 2, 3, 4, 5, 6, 7 or 8");
        try {
            byte present = b.get();
            if (present == 0) {
                return new DetectorStateV8(fields.withOrigin(null));
            }
            if (present != 1) {
                throw new IllegalArgumentException("corrupt detector state (run origin marker " + present + ")");
            }
            double[] before = new double[SeasonalSnapshot.Origin.VALUES];
            for (int i = 0; i < before.length; i++) {
                before[i] = b.getDouble();
            }
            var origin = new SeasonalSnapshot.Origin(before, b.getDouble(), b.getLong(), b.getInt());
            return new DetectorStateV8(fields.withOrigin(origin));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated or corrupt detector state (" + bytes.length + " bytes)", e);
        }
    }
}
