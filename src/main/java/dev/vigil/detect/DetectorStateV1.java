package dev.vigil.detect;

import dev.vigil.core.Direction;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Version 1 of the persisted state of a {@link SeasonalDetector}: a value that can be written to a database
 * and read back by any replica. The binary layout is fixed (big-endian): magic 'V','S', version byte 1,
 * settings, scalars, then the two profiles as float arrays (length-prefixed, -1 when absent).
 * Superseded by {@link DetectorStateV2} (adds the recurrence memory); kept so that V1 checkpoints still load:
 * {@link DetectorStateV2#fromBytes} reads them through this class and migrates them. Frozen V1 snapshots
 * are tested.
 */
public record DetectorStateV1(DetectorSettings settings, long count, long firstMillis, long lastMillis,
                              double interval, double level, double levelDaily, double levelWeekly,
                              double scale, double errNone, double errDaily, double errWeekly,
                              byte selected, double shortMean, double peak, double[] tails, int streak,
                              double streakSum, double bandFactor, double lastRaw, long lastRawMillis,
                              float[] daily, float[] weekly) {

    static final byte VERSION = 1;
    private static final byte[] MAGIC = {'V', 'S'};

    /** The live detector this state describes (migrated to version 2, with an empty recurrence memory). */
    public SeasonalDetector toDetector() {
        return DetectorStateV2.migrate(this).toDetector();
    }

    /** Version 1 bytes, as written before version 2 (kept for migration tests). */
    public byte[] toBytes() {
        int size = 3 + 20 + 3 * 8 + 19 * 8 + 1 + 4 + 8 + arraySize(daily) + arraySize(weekly);
        ByteBuffer b = ByteBuffer.allocate(size);
        putHeader(b, VERSION, settings);
        b.putLong(count).putLong(firstMillis).putLong(lastMillis);
        b.putDouble(interval).putDouble(level).putDouble(levelDaily).putDouble(levelWeekly).putDouble(peak);
        for (double x : tails) {
            b.putDouble(x);
        }
        b.putDouble(scale).putDouble(errNone)
                .putDouble(errDaily).putDouble(errWeekly).putDouble(shortMean).putDouble(streakSum)
                .putDouble(bandFactor).putDouble(lastRaw);
        b.put(selected).putInt(streak).putLong(lastRawMillis);
        putArray(b, daily);
        putArray(b, weekly);
        return b.array();
    }

    /** Reads bytes written by {@link #toBytes()}; fails with a clear message on anything else. */
    public static DetectorStateV1 fromBytes(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            DetectorSettings settings = getHeader(b, VERSION, "1");
            long count = b.getLong(), first = b.getLong(), last = b.getLong();
            double interval = b.getDouble(), level = b.getDouble(), levelDaily = b.getDouble();
            double levelWeekly = b.getDouble(), peak = b.getDouble();
            double[] tails = new double[6];
            for (int i = 0; i < tails.length; i++) {
                tails[i] = b.getDouble();
            }
            double scale = b.getDouble();
            double errNone = b.getDouble(), errDaily = b.getDouble(), errWeekly = b.getDouble();
            double shortMean = b.getDouble(), streakSum = b.getDouble(), band = b.getDouble();
            double lastRaw = b.getDouble();
            byte selected = b.get();
            int streak = b.getInt();
            long lastRawMillis = b.getLong();
            return new DetectorStateV1(settings, count, first, last, interval, level, levelDaily, levelWeekly,
                    scale, errNone, errDaily, errWeekly, selected, shortMean, peak, tails, streak, streakSum, band, lastRaw, lastRawMillis,
                    getArray(b), getArray(b));
        } catch (BufferUnderflowException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated or corrupt detector state (" + bytes.length + " bytes)", e);
        }
    }

    private static int arraySize(float[] a) {
        return 4 + (a == null ? 0 : 4 * a.length);
    }

    /** The version byte of a Vigil state, or -1 if the bytes do not start with the magic. */
    static int versionOf(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == MAGIC[0] && bytes[1] == MAGIC[1] ? bytes[2] : -1;
    }

    /** Writes what every version starts with: magic, version byte and the settings (23 bytes). */
    static void putHeader(ByteBuffer b, byte version, DetectorSettings settings) {
        b.put(MAGIC).put(version);
        b.putDouble(settings.sensitivity()).put((byte) settings.seasonality().ordinal())
                .put((byte) settings.direction().ordinal()).put((byte) settings.valueKind().ordinal())
                .put((byte) 0).putInt(settings.warmUpPoints()).putInt(settings.rebaseline());
    }

    /**
     * Reads what {@link #putHeader} wrote, checking the magic and that the version is {@code version};
     * {@code readable} names the versions the caller reads, for the message.
     */
    static DetectorSettings getHeader(ByteBuffer b, byte version, String readable) {
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

    static void putArray(ByteBuffer b, float[] a) {
        b.putInt(a == null ? -1 : a.length);
        if (a != null) {
            for (float f : a) {
                b.putFloat(f);
            }
        }
    }

    static float[] getArray(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0) {
            return null;
        }
        if (n > 10_000) {
            throw new IllegalArgumentException("profile length " + n + " out of range");
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = b.getFloat();
        }
        return a;
    }
}
