package dev.vigil.detect;

import dev.vigil.core.Direction;
import java.util.Arrays;

/**
 * Range novelty test: does the value leave the range of everything the series did in its memory? The memory is
 * the highest and lowest value of each of {@code BLOCKS} consecutive blocks of {@code BLOCK_POINTS} points (a
 * sliding window of 6,144 to 8,192 points that forgets one block at a time), so a new extreme is judged against
 * the last few thousand points, not against a freak value of years ago. If the n remembered values and the new one
 * are exchangeable, the chance that the new one is the highest or the lowest of the n + 1 is {@code 2 / (n + 1)}:
 * that is the test's p when the value exceeds the remembered maximum (or undercuts the minimum) by at least
 * {@code MARGIN_SIGMAS} of the detector's sigma, and 1 otherwise. The margin keeps records set by a hair in plain
 * noise out. It reaches the shipped threshold once at least 1,023 points are remembered. A trend sets records
 * all the time, which are no news: the test is silent while the decayed count of recent records (decay 0.999,
 * memory ~1,000 points) is {@code TREND_RECORDS} or more; an exchangeable series sets fewer than two records in
 * 1,000 points once it has a few thousand behind it.
 * <p>
 * What it adds to the point and shift tests: they judge a value against the recent expectation and spread, which
 * follow a slow excursion and widen in a busy stretch; a dip to a level the series has not been at for weeks, or a
 * spike higher than every earlier spike, can thus look ordinary to them. Work per point: a few comparisons (the overall extremes are kept and recomputed when a block is
 * forgotten); state:
 * 9 doubles, two bytes and an int (78 bytes serialised).
 */
final class RangeMemory {

    static final int BLOCKS = 4;
    static final int BLOCK_POINTS = 2048;
    /** A new extreme must beat the remembered one by this many sigmas to count. */
    static final double MARGIN_SIGMAS = 0.25;
    /** Per-point decay of the recent-record count. */
    static final double RECENT_DECAY = 0.999;
    /** At this many recent records the series is trending: the test is silent. */
    static final double TREND_RECORDS = 10;

    /** Per block: highest and lowest value; -inf / +inf for a block with no points yet. */
    final double[] high = new double[BLOCKS];
    final double[] low = new double[BLOCKS];
    /** The block being filled. */
    int current;
    /** Blocks in use, the current one included (1 .. BLOCKS). */
    int blocks = 1;
    /** Points in the current block. */
    int inBlock;
    /** Decayed count of recent records (values beyond the remembered range by the margin, either side). */
    double recent;
    /** Highest and lowest value over all blocks: derived from high and low (see {@link #refresh}), not state. */
    private double max = Double.NEGATIVE_INFINITY;
    private double min = Double.POSITIVE_INFINITY;

    RangeMemory() {
        Arrays.fill(high, Double.NEGATIVE_INFINITY);
        Arrays.fill(low, Double.POSITIVE_INFINITY);
    }

    /** Number of remembered points. */
    int size() {
        return (blocks - 1) * BLOCK_POINTS + inBlock;
    }

    /**
     * ln p of the range test for {@code value}: {@code ln(2 / (n + 1))} if it lies beyond the remembered range by
     * the margin on a side the direction watches and the series is not trending, 0 (no evidence) otherwise.
     */
    double lnNovelty(double value, double sigma, Direction direction) {
        int n = size();
        if (n == 0 || recent >= TREND_RECORDS) {
            return 0;
        }
        int side = side(value, sigma);
        boolean watched = side > 0 ? direction != Direction.DOWN : side < 0 && direction != Direction.UP;
        return watched ? Math.log(2.0 / (n + 1)) : 0;
    }

    /**
     * Whether a value beyond the range would reach a p of {@code p} (or less): the range test is armed once it
     * remembers enough points, and disarmed while the series is trending.
     */
    boolean armedAt(double p) {
        return recent < TREND_RECORDS && 2.0 / (size() + 1) <= p;
    }

    /** The value above which the test fires (the remembered maximum plus the margin); -inf with nothing remembered. */
    double upperEdge(double sigma) {
        return max + MARGIN_SIGMAS * sigma;
    }

    /** The value below which the test fires (the remembered minimum minus the margin); +inf with nothing remembered. */
    double lowerEdge(double sigma) {
        return min - MARGIN_SIGMAS * sigma;
    }

    /** +1 if the value exceeds the remembered maximum by the margin, -1 if it undercuts the minimum by it, else 0. */
    private int side(double value, double sigma) {
        return value > upperEdge(sigma) ? 1 : value < lowerEdge(sigma) ? -1 : 0;
    }

    /**
     * Remembers one value (scored with this sigma); a full block moves the memory on, forgetting the oldest block
     * once all are in use.
     */
    void learn(double value, double sigma) {
        boolean record = size() > 0 && side(value, sigma) != 0;
        recent = RECENT_DECAY * recent + (record ? 1 : 0);
        high[current] = Math.max(high[current], value);
        low[current] = Math.min(low[current], value);
        max = Math.max(max, value);
        min = Math.min(min, value);
        if (++inBlock >= BLOCK_POINTS) {
            current = (current + 1) % BLOCKS;
            blocks = Math.min(blocks + 1, BLOCKS);
            high[current] = Double.NEGATIVE_INFINITY;
            low[current] = Double.POSITIVE_INFINITY;
            inBlock = 0;
            refresh();
        }
    }

    /** Recomputes the overall extremes from the blocks: after a block is forgotten, and after a restore. */
    void refresh() {
        max = Double.NEGATIVE_INFINITY;
        min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < BLOCKS; k++) {
            max = Math.max(max, high[k]);
            min = Math.min(min, low[k]);
        }
    }
}
