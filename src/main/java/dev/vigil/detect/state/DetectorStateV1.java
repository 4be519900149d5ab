package dev.vigil.detect.state;

import dev.vigil.detect.DetectorSettings;
import dev.vigil.detect.SeasonalDetector;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Version 1 of the persisted state of a {@link SeasonalDetector}: a value that can be written to a database
 * and read back by any replica. The binary layout is fixed (big-endian): the {@link StateHeader} with version
 * byte 1, scalars, then the two profiles ({@link ProfileKnots}).
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

    /** The live detector this state describes (migrated to version 2, with an empty recurrence memory). */
    public SeasonalDetector toDetector() {
        return DetectorStateV2.migrate(this).toDetector();
    }

    /** Version 1 bytes, as written before version 2 (kept for migration tests). */
    public byte[] toBytes() {
        int size = StateHeader.BYTES + 3 * 8 + 19 * 8 + 1 + 4 + 8 + ProfileKnots.size(daily) + ProfileKnots.size(weekly);
        ByteBuffer b = ByteBuffer.allocate(size);
        StateHeader.write(b, VERSION, settings);
        b.putLong(count).putLong(firstMillis).putLong(lastMillis);
        b.putDouble(interval).putDouble(level).putDouble(levelDaily).putDouble(levelWeekly).putDouble(peak);
        for (double x : tails) {
            b.putDouble(x);
        }
        b.putDouble(scale).putDouble(errNone)
                .putDouble(errDaily).putDouble(errWeekly).putDouble(shortMean).putDouble(streakSum)
                .putDouble(bandFactor).putDouble(lastRaw);
        b.put(selected).putInt(streak).putLong(lastRawMillis);
        ProfileKnots.write(b, daily);
        ProfileKnots.write(b, weekly);
        return b.array();
    }

    /** Reads bytes written by {@link #toBytes()}; fails with a clear message on anything else. */
    public static DetectorStateV1 fromBytes(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            DetectorSettings settings = StateHeader.read(b, VERSION, "1");
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
                    ProfileKnots.read(b), ProfileKnots.read(b));
        } catch (BufferUnderflowException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated or corrupt detector state (" + bytes.length + " bytes)", e);
        }
    }
}
