package dev.vigil.bench.detect;

import dev.vigil.detect.Detector;
import dev.vigil.detect.DetectorFactory;
import dev.vigil.detect.DetectorSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Random;

/**
 * Throughput of the default univariate detector on one core, in points per second (ops/s x batch).
 * {@code series = 1}: one hot series. {@code series = 10000}: points spread round-robin over 10,000 detectors,
 * as a node watching many series sees them (state falls out of L1/L2). Data: a daily sine with noise and
 * occasional spikes at 5-minute steps, all detectors past warm-up with their daily profile selected.
 * Run with {@code bench/detect/jmh.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SeasonalDetectorBenchmark {

    static final int BATCH = 4096;
    private static final long STEP = 300_000L;

    @Param({"1", "10000"})
    int series;

    private Detector[] detectors;
    private double[] values;
    private long clock;
    private int cursor;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        values = new double[1 << 16];
        for (int i = 0; i < values.length; i++) {
            double phase = 2 * Math.PI * (i % 288) / 288.0;
            values[i] = 100 + 40 * Math.sin(phase) + 3 * random.nextGaussian() + (random.nextInt(500) == 0 ? 60 : 0);
        }
        detectors = new Detector[series];
        for (int s = 0; s < series; s++) {
            detectors[s] = DetectorFactory.create(DetectorFactory.SEASONAL, DetectorSettings.defaults());
        }
        clock = 1_704_067_200_000L;
        for (int i = 0; i < 3 * 288; i++) { // three days of history each: past warm-up, daily profile selected
            for (Detector d : detectors) {
                d.score(clock, values[i]);
            }
            clock += STEP;
        }
        cursor = 3 * 288;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void score(Blackhole bh) {
        Detector[] ds = detectors;
        int n = ds.length;
        int mask = values.length - 1;
        for (int i = 0; i < BATCH; i++) {
            int k = cursor++;
            int s = k % n;
            if (s == 0) {
                clock += STEP;
            }
            bh.consume(ds[s].score(clock, values[k & mask]).score());
        }
    }
}
