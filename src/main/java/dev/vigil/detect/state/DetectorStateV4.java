package dev.vigil.detect.state;

import dev.vigil.detect.DetectorSettings;
import dev.vigil.detect.SeasonalDetector;
import dev.vigil.detect.SeasonalSnapshot;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Version 4 of the persisted state of a {@link SeasonalDetector}: version 3's fields plus
 * the two-scale spike test (the slow noise level and the three moments of its tail model), the fast candidate
 * model (its level and one-step mean absolute error) and the range test's memory. The
 * binary layout is version 3's with version byte 4, twelve tail doubles instead of nine (point, shift, drift,
 * slow) and, after the two drift sums and before the two profiles, the slow noise level, the fast level and its
 * error, the four block maxima and the four block minima (doubles, -inf / +inf for an empty block), the block
 * being filled and the blocks in use (one byte each), the points in the current block (int) and the decayed count
 * of recent records (double): 126 bytes more than version 3. {@link #fromBytes} also reads version 1, 2 and 3
 * bytes and migrates them (see {@link #migrate}), so checkpoints written before the upgrade keep loading.
 * Version 5 ({@link DetectorStateV5}) keeps these fields and this layout; only the meaning of each tail model's
 * first double changes (its quantile threshold instead of its exceedance rate over 2).
 *
 * @param fields the detector's state, each tail model's first double being its exceedance rate over 2
 */
public record DetectorStateV4(SeasonalSnapshot fields) {

    static final byte VERSION = 4;
    /** Version 4's prior exceedance rate of a tail model, P(z > 2). */
    static final double PRIOR_RATE = 0.05;
    private static final int RANGE_BYTES = 2 * SeasonalSnapshot.Range.BLOCKS * 8 + 1 + 1 + 4 + 8;

    /**
     * Version 3 (or migrated version 1 or 2) state as version 4: the slow tail at its prior, no slow level yet, the
     * fast level at the plain level with the plain level's error divided by {@link SeasonalSnapshot#FAST_GAIN} (so
     * the fast model is not selected before it has learnt), the range memory empty.
     */
    static DetectorStateV4 migrate(DetectorStateV3 v3) {
        SeasonalSnapshot.Tail prior = SeasonalSnapshot.Tail.prior();
        double[] tails = Arrays.copyOf(v3.tails(), SeasonalSnapshot.TAILS);
        tails[9] = PRIOR_RATE;
        tails[10] = prior.mean();
        tails[11] = prior.square();
        return new DetectorStateV4(new SeasonalSnapshot(v3.settings(), v3.count(), v3.firstMillis(), v3.lastMillis(),
                v3.interval(), v3.level(), v3.levelDaily(), v3.levelWeekly(), v3.scale(), v3.errNone(), v3.errDaily(),
                v3.errWeekly(), v3.selected(), v3.shortMean(), v3.peak(), tails, v3.streak(), v3.streakSum(),
                v3.bandFactor(), v3.lastRaw(), v3.lastRawMillis(), v3.events().clone(), v3.lastAlarm(),
                v3.cusumUp(), v3.cusumDown(), 0, v3.level(), v3.errNone() / SeasonalSnapshot.FAST_GAIN,
                SeasonalSnapshot.Range.empty(),
                v3.daily() == null ? null : v3.daily().clone(), v3.weekly() == null ? null : v3.weekly().clone(),
                Double.NaN, SeasonalSnapshot.Tail.prior(), 0));
    }

    /** The live detector this state describes (through the migration to version 5). */
    public SeasonalDetector toDetector() {
        return DetectorStateV5.migrate(this).toDetector();
    }

    public byte[] toBytes() {
        return write(fields, VERSION, 0).array();
    }

    /**
     * The fields in this layout under a version byte (version 5 writes the same layout), in a buffer with
     * {@code trailerBytes} left at its end for what a later version appends (version 6).
     */
    static ByteBuffer write(SeasonalSnapshot f, byte version, int trailerBytes) {
        int size = StateHeader.BYTES + 3 * 8 + (13 + SeasonalSnapshot.TAILS) * 8 + 1 + 4 + 8 + 4 * 8 + 5 * 8
                + RANGE_BYTES + ProfileKnots.size(f.daily()) + ProfileKnots.size(f.weekly());
        ByteBuffer b = ByteBuffer.allocate(size + trailerBytes);
        StateHeader.write(b, version, f.settings());
        b.putLong(f.count()).putLong(f.firstMillis()).putLong(f.lastMillis());
        b.putDouble(f.interval()).putDouble(f.level()).putDouble(f.levelDaily()).putDouble(f.levelWeekly())
                .putDouble(f.peak());
        for (double x : f.tails()) {
            b.putDouble(x);
        }
        b.putDouble(f.scale()).putDouble(f.errNone())
                .putDouble(f.errDaily()).putDouble(f.errWeekly()).putDouble(f.shortMean()).putDouble(f.streakSum())
                .putDouble(f.bandFactor()).putDouble(f.lastRaw());
        b.put(f.selected()).putInt(f.streak()).putLong(f.lastRawMillis());
        for (long e : f.events()) {
            b.putLong(e);
        }
        b.putLong(f.lastAlarm());
        b.putDouble(f.cusumUp()).putDouble(f.cusumDown()).putDouble(f.slowSigma()).putDouble(f.levelFast())
                .putDouble(f.errFast());
        writeRange(b, f.range());
        ProfileKnots.write(b, f.daily());
        ProfileKnots.write(b, f.weekly());
        return b;
    }

    /**
     * Reads bytes written by {@link #toBytes()} or by versions 1, 2 and 3 (migrated, see {@link #migrate}); fails
     * with a clear message on anything else.
     */
    public static DetectorStateV4 fromBytes(byte[] bytes) {
        int version = StateHeader.versionOf(bytes);
        if (version >= DetectorStateV1.VERSION && version <= DetectorStateV3.VERSION) {
            return migrate(DetectorStateV3.fromBytes(bytes));
        }
        return new DetectorStateV4(read(bytes, VERSION, "1, 2, 3 or 4"));
    }

    /** Reads this layout under the given version byte; {@code readable} names the versions the caller reads. */
    static SeasonalSnapshot read(byte[] bytes, byte version, String readable) {
        return read(ByteBuffer.wrap(bytes), version, readable);
    }

    /** Reads this layout from the buffer's position, leaving it after the layout (at a later version's trailer). */
    static SeasonalSnapshot read(ByteBuffer b, byte version, String readable) {
        try {
            DetectorSettings settings = StateHeader.read(b, version, readable);
            long count = b.getLong(), first = b.getLong(), last = b.getLong();
            double interval = b.getDouble(), level = b.getDouble(), levelDaily = b.getDouble();
            double levelWeekly = b.getDouble(), peak = b.getDouble();
            double[] tails = new double[SeasonalSnapshot.TAILS];
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
            SeasonalSnapshot.Range range = readRange(b);
            return new SeasonalSnapshot(settings, count, first, last, interval, level, levelDaily, levelWeekly,
                    scale, errNone, errDaily, errWeekly, selected, shortMean, peak, tails, streak, streakSum, band,
                    lastRaw, lastRawMillis, events, lastAlarm, cusumUp, cusumDown, slowSigma, levelFast, errFast, range,
                    ProfileKnots.read(b), ProfileKnots.read(b), Double.NaN, SeasonalSnapshot.Tail.prior(), 0);
        } catch (BufferUnderflowException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated or corrupt detector state (" + b.capacity() + " bytes)", e);
        }
    }

    private static void writeRange(ByteBuffer b, SeasonalSnapshot.Range range) {
        for (double x : range.high()) {
            b.putDouble(x);
        }
        for (double x : range.low()) {
            b.putDouble(x);
        }
        b.put(range.current()).put(range.blocks()).putInt(range.inBlock()).putDouble(range.recent());
    }

    /** The range memory; an IllegalArgumentException naming it when it is not consistent. */
    private static SeasonalSnapshot.Range readRange(ByteBuffer b) {
        double[] high = new double[SeasonalSnapshot.Range.BLOCKS];
        double[] low = new double[SeasonalSnapshot.Range.BLOCKS];
        for (int i = 0; i < high.length; i++) {
            high[i] = b.getDouble();
        }
        for (int i = 0; i < low.length; i++) {
            low[i] = b.getDouble();
        }
        byte current = b.get(), blocks = b.get();
        int inBlock = b.getInt();
        double recent = b.getDouble();
        return new SeasonalSnapshot.Range(high, low, current, blocks, inBlock, recent);
    }
}
