package dev.vigil.detect;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Version 4 of the persisted state of a {@link SeasonalDetector}: version 3's fields plus
 * the two-scale spike test (the slow noise level and the three moments of its tail model), the fast candidate
 * model (its level and one-step mean absolute error) and the range test's memory ({@link RangeMemory}). The
 * binary layout is version 3's with version byte 4, twelve tail doubles instead of nine (point, shift, drift,
 * slow) and, after the two drift sums and before the two profiles, the slow noise level, the fast level and its
 * error, the four block maxima and the four block minima (doubles, -inf / +inf for an empty block), the block
 * being filled and the blocks in use (one byte each), the points in the current block (int) and the decayed count
 * of recent records (double): 126 bytes more than version 3. {@link #fromBytes} also reads version 1, 2 and 3
 * bytes and migrates them (see {@link #migrate}), so checkpoints written before the upgrade keep loading.
 * Version 5 ({@link DetectorStateV5}) keeps this record and layout; only the meaning of each tail model's first
 * double changes (its quantile threshold instead of its exceedance rate over 2).
 */
public record DetectorStateV4(DetectorSettings settings, long count, long firstMillis, long lastMillis,
                              double interval, double level, double levelDaily, double levelWeekly,
                              double scale, double errNone, double errDaily, double errWeekly,
                              byte selected, double shortMean, double peak, double[] tails, int streak,
                              double streakSum, double bandFactor, double lastRaw, long lastRawMillis,
                              long[] events, long lastAlarm, double cusumUp, double cusumDown, double slowSigma,
                              double levelFast, double errFast, Range range, float[] daily, float[] weekly) {

    static final byte VERSION = 4;
    /** No event remembered in that slot. */
    public static final long NO_EVENT = SeasonalState.NO_EVENT;
    private static final int TAILS = 12;
    /** Version 4's prior exceedance rate of a tail model, P(z > 2). */
    static final double PRIOR_RATE = 0.05;

    /** The range test's memory, as {@link RangeMemory} holds it. */
    public record Range(double[] high, double[] low, byte current, byte blocks, int inBlock, double recent) {

        static Range of(RangeMemory m) {
            return new Range(m.high.clone(), m.low.clone(), (byte) m.current, (byte) m.blocks, m.inBlock, m.recent);
        }

        void restore(RangeMemory m) {
            System.arraycopy(high, 0, m.high, 0, RangeMemory.BLOCKS);
            System.arraycopy(low, 0, m.low, 0, RangeMemory.BLOCKS);
            m.current = current;
            m.blocks = blocks;
            m.inBlock = inBlock;
            m.recent = recent;
            m.refresh();
        }

        static final int BYTES = 2 * RangeMemory.BLOCKS * 8 + 1 + 1 + 4 + 8;

        void write(ByteBuffer b) {
            for (double x : high) {
                b.putDouble(x);
            }
            for (double x : low) {
                b.putDouble(x);
            }
            b.put(current).put(blocks).putInt(inBlock).putDouble(recent);
        }

        static Range read(ByteBuffer b) {
            double[] high = new double[RangeMemory.BLOCKS];
            double[] low = new double[RangeMemory.BLOCKS];
            for (int i = 0; i < high.length; i++) {
                high[i] = b.getDouble();
            }
            for (int i = 0; i < low.length; i++) {
                low[i] = b.getDouble();
            }
            byte current = b.get(), blocks = b.get();
            int inBlock = b.getInt();
            double recent = b.getDouble();
            if (current < 0 || current >= RangeMemory.BLOCKS || blocks < 1 || blocks > RangeMemory.BLOCKS
                    || inBlock < 0 || inBlock >= RangeMemory.BLOCK_POINTS) {
                throw new IllegalArgumentException("corrupt detector state (range memory block " + current + " of "
                        + blocks + ", " + inBlock + " points)");
            }
            return new Range(high, low, current, blocks, inBlock, recent);
        }
    }

    /** The live state in this layout, each tail model's first double being its threshold (version 5's meaning). */
    static DetectorStateV4 capture(SeasonalDetector d) {
        SeasonalState s = d.s;
        double[] tails = {s.pointTail.threshold, s.pointTail.mean, s.pointTail.square,
                s.shiftTail.threshold, s.shiftTail.mean, s.shiftTail.square,
                s.cusumTail.threshold, s.cusumTail.mean, s.cusumTail.square,
                s.slowTail.threshold, s.slowTail.mean, s.slowTail.square};
        long[] events = {s.lastEvent, s.priorEvent, s.oldestEvent};
        return new DetectorStateV4(d.settings(), s.count, s.firstMillis, s.lastMillis, s.interval, s.level,
                s.levelDaily, s.levelWeekly, s.scale, s.errNone, s.errDaily, s.errWeekly, s.selected,
                s.shortMean, s.peak, tails, s.streak, s.streakSum, s.bandFactor, s.lastRaw, s.lastRawMillis,
                events, s.lastAlarm, s.cusumUp, s.cusumDown, s.slowSigma, s.levelFast, s.errFast, Range.of(s.range),
                d.daily == null ? null : d.daily.knots().clone(), d.weekly == null ? null : d.weekly.knots().clone());
    }

    /**
     * Version 3 (or migrated version 1 or 2) state as version 4: the slow tail at its prior, no slow level yet, the
     * fast level at the plain level with the plain level's error divided by {@link SeasonalDetector#FAST_GAIN} (so
     * the fast model is not selected before it has learnt), the range memory empty.
     */
    static DetectorStateV4 migrate(DetectorStateV3 v3) {
        TailModel prior = TailModel.ofResiduals();
        double[] tails = Arrays.copyOf(v3.tails(), TAILS);
        tails[9] = PRIOR_RATE;
        tails[10] = prior.mean;
        tails[11] = prior.square;
        return new DetectorStateV4(v3.settings(), v3.count(), v3.firstMillis(), v3.lastMillis(), v3.interval(),
                v3.level(), v3.levelDaily(), v3.levelWeekly(), v3.scale(), v3.errNone(), v3.errDaily(),
                v3.errWeekly(), v3.selected(), v3.shortMean(), v3.peak(), tails, v3.streak(), v3.streakSum(),
                v3.bandFactor(), v3.lastRaw(), v3.lastRawMillis(), v3.events().clone(), v3.lastAlarm(),
                v3.cusumUp(), v3.cusumDown(), 0, v3.level(), v3.errNone() / SeasonalDetector.FAST_GAIN,
                Range.of(new RangeMemory()),
                v3.daily() == null ? null : v3.daily().clone(), v3.weekly() == null ? null : v3.weekly().clone());
    }

    /** The same state with other tail-model doubles (the migration to version 5 converts them). */
    DetectorStateV4 withTails(double[] newTails) {
        return new DetectorStateV4(settings, count, firstMillis, lastMillis, interval, level, levelDaily,
                levelWeekly, scale, errNone, errDaily, errWeekly, selected, shortMean, peak, newTails, streak,
                streakSum, bandFactor, lastRaw, lastRawMillis, events, lastAlarm, cusumUp, cusumDown, slowSigma,
                levelFast, errFast, range, daily, weekly);
    }

    /** The live detector this state describes (through the migration to version 5). */
    public SeasonalDetector toDetector() {
        return DetectorStateV5.migrate(this).toDetector();
    }

    /** The live detector, reading each tail model's first double as its threshold (version 5's meaning). */
    SeasonalDetector restore() {
        SeasonalState s = new SeasonalState();
        s.count = count;
        s.firstMillis = firstMillis;
        s.lastMillis = lastMillis;
        s.interval = interval;
        s.level = level;
        s.levelDaily = levelDaily;
        s.levelWeekly = levelWeekly;
        s.peak = peak;
        TailModel[] models = {s.pointTail, s.shiftTail, s.cusumTail, s.slowTail};
        for (int k = 0; k < models.length; k++) {
            models[k].threshold = tails[3 * k];
            models[k].mean = tails[3 * k + 1];
            models[k].square = tails[3 * k + 2];
        }
        s.cusumUp = cusumUp;
        s.cusumDown = cusumDown;
        s.slowSigma = slowSigma;
        s.levelFast = levelFast;
        s.errFast = errFast;
        range.restore(s.range);
        s.scale = scale;
        s.errNone = errNone;
        s.errDaily = errDaily;
        s.errWeekly = errWeekly;
        s.selected = selected;
        s.shortMean = shortMean;
        s.streak = streak;
        s.streakSum = streakSum;
        s.bandFactor = bandFactor;
        s.lastRaw = lastRaw;
        s.lastRawMillis = lastRawMillis;
        s.lastEvent = events[0];
        s.priorEvent = events[1];
        s.oldestEvent = events[2];
        s.lastAlarm = lastAlarm;
        return new SeasonalDetector(settings, s,
                daily == null ? null : new SeasonalProfile(SeasonalProfile.DAY, daily.clone()),
                weekly == null ? null : new SeasonalProfile(SeasonalProfile.WEEK, weekly.clone()));
    }

    public byte[] toBytes() {
        return toBytes(VERSION);
    }

    /** This layout under a version byte (version 5 writes the same layout). */
    byte[] toBytes(byte version) {
        int size = 3 + 20 + 3 * 8 + (13 + TAILS) * 8 + 1 + 4 + 8 + 4 * 8 + 5 * 8 + Range.BYTES
                + arraySize(daily) + arraySize(weekly);
        ByteBuffer b = ByteBuffer.allocate(size);
        DetectorStateV1.putHeader(b, version, settings);
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
        b.putDouble(cusumUp).putDouble(cusumDown).putDouble(slowSigma).putDouble(levelFast).putDouble(errFast);
        range.write(b);
        DetectorStateV1.putArray(b, daily);
        DetectorStateV1.putArray(b, weekly);
        return b.array();
    }

    /**
     * Reads bytes written by {@link #toBytes()} or by versions 1, 2 and 3 (migrated, see {@link #migrate}); fails
     * with a clear message on anything else.
     */
    public static DetectorStateV4 fromBytes(byte[] bytes) {
        int version = DetectorStateV1.versionOf(bytes);
        if (version >= DetectorStateV1.VERSION && version <= DetectorStateV3.VERSION) {
            return migrate(DetectorStateV3.fromBytes(bytes));
        }
        return read(bytes, VERSION, "1, 2, 3 or 4");
    }

    /** Reads this layout under the given version byte; {@code readable} names the versions the caller reads. */
    static DetectorStateV4 read(byte[] bytes, byte version, String readable) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            DetectorSettings settings = DetectorStateV1.getHeader(b, version, readable);
            long count = b.getLong(), first = b.getLong(), last = b.getLong();
            double interval = b.getDouble(), level = b.getDouble(), levelDaily = b.getDouble();
            double levelWeekly = b.getDouble(), peak = b.getDouble();
            double[] tails = new double[TAILS];
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
            double cusumUp = b.getDouble(), cusumDown = b.getDouble(), slowSigma = b.getDouble();
            double levelFast = b.getDouble(), errFast = b.getDouble();
            Range range = Range.read(b);
            return new DetectorStateV4(settings, count, first, last, interval, level, levelDaily, levelWeekly,
                    scale, errNone, errDaily, errWeekly, selected, shortMean, peak, tails, streak, streakSum, band,
                    lastRaw, lastRawMillis, events, lastAlarm, cusumUp, cusumDown, slowSigma, levelFast, errFast, range,
                    DetectorStateV1.getArray(b), DetectorStateV1.getArray(b));
        } catch (BufferUnderflowException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated or corrupt detector state (" + bytes.length + " bytes)", e);
        }
    }

    private static int arraySize(float[] a) {
        return 4 + (a == null ? 0 : 4 * a.length);
    }
}
