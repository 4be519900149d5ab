package dev.vigil.detect.multivariate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aligns the samples of a service's key metrics onto steps: the last value of each metric within a step. A step
 * closes, oldest first, when every metric has reported in it, or when a sample at least {@code grace} past the
 * step's end arrives (sample time, not wall time: replays and tests behave alike). A metric missing from a step
 * that closes by grace takes its last value if that is at most {@code maxCarry} steps old; otherwise the step is
 * dropped (counted), because a guessed coordinate would look like a broken relation. Samples for a step already
 * closed are late and ignored (counted). Memory is bounded: at most {@link #MAX_OPEN_STEPS} steps are open; past
 * that the oldest closes as if its grace had passed. Not thread-safe: its owner serialises calls.
 */
public final class Aligner {

    /** Open steps kept at most (a grace of many steps would otherwise hold many arrays). */
    static final int MAX_OPEN_STEPS = 16;

    private final int dimensions;
    private final long stepMillis;
    private final long graceMillis;
    private final int maxCarry;
    private final TreeMap<Long, double[]> open = new TreeMap<>();
    private final double[] last;
    private final long[] lastStep;
    private long closedThrough = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    private long late;
    private long dropped;

    public Aligner(int dimensions, long stepMillis, long graceMillis, int maxCarry) {
        if (dimensions < 2 || stepMillis <= 0 || graceMillis < 0 || maxCarry < 0) {
            throw new IllegalArgumentException("aligner needs >= 2 metrics, a positive step, grace and carry >= 0");
        }
        this.dimensions = dimensions;
        this.stepMillis = stepMillis;
        this.graceMillis = graceMillis;
        this.maxCarry = maxCarry;
        this.last = new double[dimensions];
        this.lastStep = new long[dimensions];
        Arrays.fill(last, Double.NaN);
        Arrays.fill(lastStep, Long.MIN_VALUE);
    }

    /** Takes one sample of key metric {@code slot}; returns the steps it closed, oldest first (often none). */
    public List<AlignedPoint> offer(int slot, long epochMillis, double value) {
        long step = Math.floorDiv(epochMillis, stepMillis);
        if (step <= closedThrough || !Double.isFinite(value)) {
            late++;
            return List.of();
        }
        open.computeIfAbsent(step, k -> blank())[slot] = value;
        watermark = Math.max(watermark, epochMillis);
        List<AlignedPoint> out = new ArrayList<>(1);
        while (!open.isEmpty()) {
            Map.Entry<Long, double[]> first = open.firstEntry();
            boolean complete = missing(first.getValue()) == 0;
            boolean expired = watermark >= (first.getKey() + 1) * stepMillis + graceMillis;
            if (!complete && !expired && open.size() <= MAX_OPEN_STEPS) {
                break;
            }
            open.pollFirstEntry();
            closedThrough = first.getKey();
            close(first.getKey(), first.getValue(), out);
        }
        return out;
    }

    private void close(long step, double[] values, List<AlignedPoint> out) {
        int carried = 0;
        boolean usable = true;
        for (int j = 0; j < dimensions; j++) {
            if (!Double.isNaN(values[j])) {
                last[j] = values[j];
                lastStep[j] = step;
            } else if (lastStep[j] != Long.MIN_VALUE && step - lastStep[j] <= maxCarry) {
                values[j] = last[j];
                carried++;
            } else {
                usable = false;
            }
        }
        if (usable) {
            out.add(new AlignedPoint(step * stepMillis, values, carried));
        } else {
            dropped++;
        }
    }

    private static int missing(double[] values) {
        int n = 0;
        for (double v : values) {
            n += Double.isNaN(v) ? 1 : 0;
        }
        return n;
    }

    private double[] blank() {
        double[] v = new double[dimensions];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    /** Samples ignored because their step had closed already (or they were not finite). */
    public long late() {
        return late;
    }

    /** Steps dropped because a metric was missing longer than the carry allows. */
    public long dropped() {
        return dropped;
    }

    public long stepMillis() {
        return stepMillis;
    }
}
