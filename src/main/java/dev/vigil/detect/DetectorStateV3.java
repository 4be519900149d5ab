package dev.vigil.detect;

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
    public static final long NO_EVENT = SeasonalState.NO_EVENT;

    /** A live detector in this version's layout, for migration tests (exceedance rates at their prior). */
    static DetectorStateV3 of(SeasonalDetector d) {
        SeasonalState s = d.s;
        double[] tails = {DetectorStateV4.PRIOR_RATE, s.pointTail.mean, s.pointTail.square,
                DetectorStateV4.PRIOR_RATE, s.shiftTail.mean, s.shiftTail.square,
                DetectorStateV4.PRIOR_RATE, s.cusumTail.mean, s.cusumTail.square};
        long[] events = {s.lastEvent, s.priorEvent, s.oldestEvent};
        return new DetectorStateV3(d.settings(), s.count, s.firstMillis, s.lastMillis, s.interval, s.level,
                s.levelDaily, s.levelWeekly, s.scale, s.errNone, s.errDaily, s.errWeekly, s.selected,
                s.shortMean, s.peak, tails, s.streak, s.streakSum, s.bandFactor, s.lastRaw, s.lastRawMillis,
                events, s.lastAlarm, s.cusumUp, s.cusumDown, d.daily == null ? null : d.daily.knots().clone(),
                d.weekly == null ? null : d.weekly.knots().clone());
    }

    /** Version 2 (or migrated version 1) state as version 3: drift sums at zero, the drift tail at its prior. */
    static DetectorStateV3 migrate(DetectorStateV2 v2) {
        TailModel prior = TailModel.ofResiduals();
        double[] tails = Arrays.copyOf(v2.tails(), 9);
        tails[6] = DetectorStateV4.PRIOR_RATE;
        tails[7] = prior.mean;
        tails[8] = prior.square;
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
        int size = 3 + 20 + 3 * 8 + 22 * 8 + 1 + 4 + 8 + 4 * 8 + 2 * 8 + arraySize(daily) + arraySize(weekly);
        ByteBuffer b = ByteBuffer.allocate(size);
        DetectorStateV1.putHeader(b, VERSION, settings);
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
        DetectorStateV1.putArray(b, daily);
        DetectorStateV1.putArray(b, weekly);
        return b.array();
    }

    /**
     * Reads bytes written by {@link #toBytes()} or by versions 1 and 2 (migrated, see {@link #migrate}); fails
     * with a clear message on anything else.
     */
    public static DetectorStateV3 fromBytes(byte[] bytes) {
        int version = DetectorStateV1.versionOf(bytes);
        if (version == DetectorStateV1.VERSION || version == DetectorStateV2.VERSION) {
            return migrate(DetectorStateV2.fromBytes(bytes));
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            DetectorSettings settings = DetectorStateV1.getHeader(b, VERSION, "1, 2 or 3");
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
                    lastRaw, lastRawMillis, events, lastAlarm, cusumUp, cusumDown, DetectorStateV1.getArray(b), DetectorStateV1.getArray(b));
        } catch (BufferUnderflowException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated or corrupt detector state (" + bytes.length + " bytes)", e);
        }
    }

    private static int arraySize(float[] a) {
        return 4 + (a == null ? 0 : 4 * a.length);
    }
}
