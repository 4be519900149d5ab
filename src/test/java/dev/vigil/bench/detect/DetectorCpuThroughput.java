package dev.vigil.bench.detect;

import dev.vigil.detect.Detector;
import dev.vigil.detect.DetectorFactory;
import dev.vigil.detect.DetectorSettings;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * Points per CPU-second of the default detector, measured with the thread's CPU clock instead of the wall
 * clock: on a shared, overloaded machine JMH's wall-clock figures swing by 10x with the neighbours' load,
 * while CPU time only counts the time this thread actually ran. Same data and setup as
 * {@link SeasonalDetectorBenchmark}; 3 warm-up rounds, 9 measured rounds of 20 M points, median reported.
 * Run with {@code bench/detect/cpu-throughput.sh}; the series are sampled every 5 minutes, or every
 * {@code -Dvigil.bench.step-seconds} (faster sampling takes other paths: the profiles' rates per unit of time).
 */
public final class DetectorCpuThroughput {

    private static final long STEP = 1000L * Long.getLong("vigil.bench.step-seconds", 300);

    private DetectorCpuThroughput() {
    }

    public static void main(String[] args) {
        for (int series : new int[] {1, 10_000}) {
            measure(series);
        }
    }

    private static void measure(int series) {
        double[] values = values();
        Detector[] detectors = new Detector[series];
        for (int s = 0; s < series; s++) {
            detectors[s] = DetectorFactory.create(DetectorFactory.SEASONAL, DetectorSettings.defaults());
        }
        long[] clock = {1_704_067_200_000L};
        int points = 20_000_000;
        double[] rates = new double[12];
        double sink = 0;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rates.length; round++) {
            long cpu = mx.getCurrentThreadCpuTime();
            sink += run(detectors, values, clock, points);
            rates[round] = points / ((mx.getCurrentThreadCpuTime() - cpu) / 1e9);
        }
        double[] measured = Arrays.copyOfRange(rates, 3, rates.length);
        Arrays.sort(measured);
        System.out.printf("series=%d, every %d s: median %.2f M points per CPU-second (min %.2f, max %.2f) [%s]%n",
                series, STEP / 1000, measured[measured.length / 2] / 1e6, measured[0] / 1e6,
                measured[measured.length - 1] / 1e6, sink > 0 ? "ok" : "?");
    }

    private static double run(Detector[] ds, double[] values, long[] clock, int points) {
        double sum = 0;
        int n = ds.length;
        int mask = values.length - 1;
        for (int k = 0; k < points; k++) {
            int s = k % n;
            if (s == 0) {
                clock[0] += STEP;
            }
            sum += ds[s].score(clock[0], values[k & mask]).score();
        }
        return sum + 1;
    }

    private static double[] values() {
        Random random = new Random(1);
        double[] values = new double[1 << 16];
        for (int i = 0; i < values.length; i++) {
            double phase = 2 * Math.PI * (i % 288) / 288.0;
            values[i] = 100 + 40 * Math.sin(phase) + 3 * random.nextGaussian() + (random.nextInt(500) == 0 ? 60 : 0);
        }
        return values;
    }
}
