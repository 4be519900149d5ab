package dev.vigil.bench.detect;

import dev.vigil.detect.Detector;
import dev.vigil.detect.DetectorFactory;
import dev.vigil.detect.DetectorSettings;
import dev.vigil.detect.state.DetectorCodec;

import java.util.Random;

/**
 * Memory per series at default settings, for {@code n} series (default 100,000), each fed two days of 5-minute
 * points so profiles are populated and past warm-up. Reports:
 * <ul>
 *   <li>serialised state: mean of {@code DetectorCodec.encode(d).length} over all series (what a checkpoint stores);</li>
 *   <li>heap: used heap after repeated {@code System.gc()} with all detectors reachable, minus the same
 *       measurement before creating them, divided by n (retained size incl. object headers and alignment).</li>
 * </ul>
 * Run with {@code bench/detect/memory.sh} (a fixed heap keeps the measurement stable).
 */
public final class DetectorMemory {

    private DetectorMemory() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 576;
        long before = usedAfterGc();
        Detector[] detectors = new Detector[n];
        for (int s = 0; s < n; s++) {
            detectors[s] = DetectorFactory.create(DetectorFactory.SEASONAL, DetectorSettings.defaults());
        }
        feed(detectors, points);
        long after = usedAfterGc();
        long bytes = 0;
        for (Detector d : detectors) {
            bytes += DetectorCodec.encode(d).length;
        }
        double arrayRefs = 4.0 + 16.0 / n; // the Detector[] slot (compressed oops) per series
        System.out.printf("series=%d points/series=%d%n", n, points);
        System.out.printf("heap retained per series: %.0f bytes (incl. %.0f for the array slot)%n",
                (after - before) / (double) n, arrayRefs);
        System.out.printf("serialised state per series: %.0f bytes%n", bytes / (double) n);
        System.out.println(detectors[n / 2].score(0, 0).score() >= 0 ? "ok" : "");
    }

    private static void feed(Detector[] detectors, int points) {
        Random random = new Random(9);
        long t = 1_704_067_200_000L;
        for (int i = 0; i < points; i++, t += 300_000L) {
            double base = 100 + 40 * Math.sin(2 * Math.PI * (i % 288) / 288.0);
            for (Detector d : detectors) {
                d.score(t, base + 3 * random.nextGaussian());
            }
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
