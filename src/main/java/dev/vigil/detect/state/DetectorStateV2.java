package dev.vigil.detect.state;

import dev.vigil.detect.DetectorSettings;
import dev.vigil.detect.SeasonalDetector;
import dev.vigil.detect.SeasonalSnapshot;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Version 2 of the persisted state of a {@link SeasonalDetector}, the one written today: version 1's fields
 * plus the recurrence memory (times of the last three surprise events) and the time of the last alarm (alarm
 * hold). The binary layout is version 1's (big-endian: magic 'V','S', version byte, settings, scalars) with
 * version byte 2 and those four times after the scalars, before the two profiles. {@link #fromBytes} also reads version 1 bytes and migrates
 * them (an empty recurrence memory), so checkpoints written before the upgrade keep loading.
 */
public record DetectorStateV2(DetectorSettings settings, long count, long firstMillis, long lastMillis,
                              double interval, double level, double levelDaily, double levelWeekly,
                              double scale, double errNone, double errDaily, double errWeekly,
                              byte selected, double shortMean, double peak, double[] tails, int streak,
                              double streakSum, double bandFactor, double lastRaw, long lastRawMillis,
                              long[] events, long lastAlarm, float[] daily, float[] weekly) {

    static final byte VERSION = 2;
    /** No event remembered in that slot. */
    public static final long NO_EVENT = SeasonalSnapshot.NO_EVENT;

    /** A live detector in this version's layout, for migration tests (exceedance rates at their prior). */
    static DetectorStateV2 of(SeasonalDetector d) {
        SeasonalSnapshot f = SeasonalSnapshot.of(d);
        double[] t = f.tails();
        double[] tails = {DetectorStateV4.PRIOR_RATE, t[1], t[2], DetectorStateV4.PRIOR_RATE, t[4], t[5]};
        return new DetectorStateV2(f.settings(), f.count(), f.firstMillis(), f.lastMillis(), f.interval(), f.level(),
                f.levelDaily(), f.levelWeekly(), f.scale(), f.errNone(), f.errDaily(), f.errWeekly(), f.selected(),
                f.shortMean(), f.peak(), tails, f.streak(), f.streakSum(), f.bandFactor(), f.lastRaw(),
                f.lastRawMillis(), f.events(), f.lastAlarm(), f.daily(), f.weekly());
    }

    /** Version 1 state as version 2: everything carried over, recurrence memory and alarm hold start empty. */
    static DetectorStateV2 migrate(DetectorStateV1 v1) {
        return new DetectorStateV2(v1.settings(), v1.count(), v1.firstMillis(), v1.lastMillis(), v1.interval(),
                v1.level(), v1.levelDaily(), v1.levelWeekly(), v1.scale(), v1.errNone(), v1.errDaily(),
                v1.errWeekly(), v1.selected(), v1.shortMean(), v1.peak(), v1.tails().clone(), v1.streak(),
                v1.streakSum(), v1.bandFactor(), v1.lastRaw(), v1.lastRawMillis(),
                new long[] {NO_EVENT, NO_EVENT, NO_EVENT}, NO_EVENT,
                v1.daily() == null ? null : v1.daily().clone(), v1.weekly() == null ? null : v1.weekly().clone());
    }

    /** The live detector this state describes (through the migrations to the current version). */
    public SeasonalDetector toDetector() {
        return DetectorStateV3.migrate(this).toDetector();
    }

    public byte[] toBytes() {
        int size = StateHeader.BYTES + 3 * 8 + 19 * 8 + 1 + 4 + 8 + 4 * 8 + ProfileKnots.size(daily) + ProfileKnots.size(weekly);
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
        for (long e : events) {
            b.putLong(e);
        }
        b.putLong(lastAlarm);
        ProfileKnots.write(b, daily);
        ProfileKnots.write(b, weekly);
        return b.array();
    }

    /**
     * Reads bytes written by {@link #toBytes()} or by version 1 (migrated, see {@link #migrate}); fails with a
     * clear message on anything else.
     */
    public static DetectorStateV2 fromBytes(byte[] bytes) {
        if (StateHeader.versionOf(bytes) == DetectorStateV1.VERSION) {
            return migrate(DetectorStateV1.fromBytes(bytes));
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            DetectorSettings settings = StateHeader.read(b, VERSION, "1 or 2");
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
            long[] events = {b.getLong(), b.getLong(), b.getLong()};
            long lastAlarm = b.getLong();
            return new DetectorStateV2(settings, count, first, last, interval, level, levelDaily, levelWeekly,
                    scale, errNone, errDaily, errWeekly, selected, shortMean, peak, tails, streak, streakSum, band,
                    lastRaw, lastRawMillis, events, lastAlarm, ProfileKnots.read(b), ProfileKnots.read(b));
        } catch (BufferUnderflowException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated or corrupt detector state (" + bytes.length + " bytes)", e);
        }
    }
}
