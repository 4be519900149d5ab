package dev.vigil.detect.state;

import dev.vigil.detect.DetectorSettings;
import dev.vigil.detect.SeasonalDetector;
import dev.vigil.detect.SeasonalSnapshot;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Version 3 of the persisted state of a {@link SeasonalDetector} (written until the range test; read and migrated
 * by {@link DetectorStateV4}): version 2's fields
 * plus the drift test (the two one-sided CUSUM sums and the three moments of their tail model). The binary
 * layout is version 2's with version byte 3, nine tail doubles instead of six (point, shift, drift) and the two
 * sums after the alarm time, before the two profiles. {@link #fromBytes} also reads version 1 and 2 bytes and
 * migrates them (sums at zero, the drift tail at its prior), so checkpoints written before the upgrade keep
 * loading.
 */
public record DetectorStateV3(DetectorSettings settings, long count, long firstMillis, long lastMillis,
                              double interval, double level, double levelDaily, double levelWeekly,
                              double scale, double errNone, double errDaily, double errWeekly,
                              byte selected, double shortMean, double peak, double[] tails, int streak,
                              double streakSum, double bandFactor, double lastRaw, long lastRawMillis,
                              long[] events, long lastAlarm, double cusumUp,
                              double cusumDown, float[] daily, float[] weekly) {

    static final byte VERSION = 3;
    /** No event remembered in that slot. */
    public static final long NO_EVENT = SeasonalSnapshot.NO_EVENT;

    /** A live detector in this version's layout, for migration tests (exceedance rates at their prior). */
    static DetectorStateV3 of(SeasonalDetector d) {
        SeasonalSnapshot f = SeasonalSnapshot.of(d);
        double[] t = f.tails();
        double[] tails = {DetectorStateV4.PRIOR_RATE, t[1], t[2], DetectorStateV4.PRIOR_RATE, t[4], t[5],
                DetectorStateV4.PRIOR_RATE, t[7], t[8]};
        return new DetectorStateV3(f.settings(), f.count(), f.firstMillis(), f.lastMillis(), f.interval(), f.level(),
                f.levelDaily(), f.levelWeekly(), f.scale(), f.errNone(), f.errDaily(), f.errWeekly(), f.selected(),
                f.shortMean(), f.peak(), tails, f.streak(), f.streakSum(), f.bandFactor(), f.lastRaw(),
                f.lastRawMillis(), f.events(), f.lastAlarm(), f.cusumUp(), f.cusumDown(), f.daily(), f.weekly());
    }

    /** Version 2 (or migrated version 1) state as version 3: drift sums at zero, the drift tail at its prior. */
    static DetectorStateV3 migrate(DetectorStateV2 v2) {
        SeasonalSnapshot.Tail prior = SeasonalSnapshot.Tail.prior();
        double[] tails = Arrays.copyOf(v2.tails(), 9);
        tails[6] = DetectorStateV4.PRIOR_RATE;
        tails[7] = prior.mean();
        tails[8] = prior.square();
        return new DetectorStateV3(v2.settings(), v2.count(), v2.firstMillis(), v2.lastMillis(), v2.interval(),
                v2.level(), v2.levelDaily(), v2.levelWeekly(), v2.scale(), v2.errNone(), v2.errDaily(),
                v2.errWeekly(), v2.selected(), v2.shortMean(), v2.peak(), tails, v2.streak(), v2.streakSum(),
                v2.bandFactor(), v2.lastRaw(), v2.lastRawMillis(), v2.events().clone(), v2.lastAlarm(), 0, 0,
                v2.daily() == null ? null : v2.daily().clone(), v2.weekly() == null ? null : v2.weekly().clone());
    }

    /** The live detector this state describes (through the migrations to the current version). */
    public SeasonalDetector toDetector() {
        return DetectorStateV4.migrate(this).toDetector();
    }

    public byte[] toBytes() {
        int size = StateHeader.BYTES + 3 * 8 + 22 * 8 + 1 + 4 + 8 + 4 * 8 + 2 * 8 + ProfileKnots.size(daily) + ProfileKnots.size(weekly);
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
        b.putDouble(cusumUp).putDouble(cusumDown);
        ProfileKnots.write(b, daily);
        ProfileKnots.write(b, weekly);
        return b.array();
    }

    /**
     * Reads bytes written by {@link #toBytes()} or by versions 1 and 2 (migrated, see {@link #migrate}); fails
     * with a clear message on anything else.
     */
    public static DetectorStateV3 fromBytes(byte[] bytes) {
        int version = StateHeader.versionOf(bytes);
        if (version == DetectorStateV1.VERSION || version == DetectorStateV2.VERSION) {
            return migrate(DetectorStateV2.fromBytes(bytes));
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            DetectorSettings settings = StateHeader.read(b, VERSION, "1, 2 or 3");
            long count = b.getLong(), first = b.getLong(), last = b.getLong();
            double interval = b.getDouble(), level = b.getDouble(), levelDaily = b.getDouble();
            double levelWeekly = b.getDouble(), peak = b.getDouble();
            double[] tails = new double[9];
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
            double cusumUp = b.getDouble(), cusumDown = b.getDouble();
            return new DetectorStateV3(settings, count, first, last, interval, level, levelDaily, levelWeekly,
                    scale, errNone, errDaily, errWeekly, selected, shortMean, peak, tails, streak, streakSum, band,
                    lastRaw, lastRawMillis, events, lastAlarm, cusumUp, cusumDown, ProfileKnots.read(b), ProfileKnots.read(b));
        } catch (BufferUnderflowException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated or corrupt detector state (" + bytes.length + " bytes)", e);
        }
    }
}
