package dev.vigil.detect.state;

import dev.vigil.core.Direction;
import dev.vigil.detect.DetectorSettings;
import dev.vigil.detect.Seasonality;
import dev.vigil.detect.ValueKind;
import java.nio.ByteBuffer;

/**
 * What every version of a detector's state starts with (23 bytes, big-endian): the magic 'V','S', the version byte,
 * then the settings (sensitivity, the ordinals of seasonality, direction and value kind, a spare byte, the warm-up
 * points and the re-baseline count).
 */
final class StateHeader {

    /** Bytes the header takes. */
    static final int BYTES = 3 + 20;
    private static final byte[] MAGIC = {'V', 'S'};

    private StateHeader() {
    }

    /** The version byte of a Vigil state, or -1 if the bytes do not start with the magic. */
    static int versionOf(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == MAGIC[0] && bytes[1] == MAGIC[1] ? bytes[2] : -1;
    }

    /** Writes the magic, the version byte and the settings. */
    static void write(ByteBuffer b, byte version, DetectorSettings settings) {
        b.put(MAGIC).put(version);
        b.putDouble(settings.sensitivity()).put((byte) settings.seasonality().ordinal())
                .put((byte) settings.direction().ordinal()).put((byte) settings.valueKind().ordinal())
                .put((byte) 0).putInt(settings.warmUpPoints()).putInt(settings.rebaseline());
    }

    /**
     * Reads what {@link #write} wrote, checking the magic and that the version is {@code version};
     * {@code readable} names the versions the caller reads, for the message.
     */
    static DetectorSettings read(ByteBuffer b, byte version, String readable) {
        if (b.get() != MAGIC[0] || b.get() != MAGIC[1]) {
            throw new IllegalArgumentException("not a Vigil seasonal detector state (bad magic)");
        }
        byte found = b.get();
        if (found != version) {
            throw new IllegalArgumentException("unsupported state version " + found + ", expected " + readable);
        }
        double sensitivity = b.getDouble();
        Seasonality seasonality = Seasonality.values()[b.get()];
        Direction direction = Direction.values()[b.get()];
        ValueKind kind = ValueKind.values()[b.get()];
        b.get();
        return new DetectorSettings(sensitivity, seasonality, direction, b.getInt(), kind, b.getInt());
    }
}
