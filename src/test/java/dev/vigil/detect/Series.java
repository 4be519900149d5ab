package dev.vigil.detect;

import java.util.Random;

/** Small seeded series generators for detector tests. Timestamps start at 2024-01-01T00:00Z. */
public final class Series {

    public static final long START = 1_704_067_200_000L;
    public static final long FIVE_MINUTES = 300_000L;
    static final long DAY = 86_400_000L;

    private Series() {
    }

    /** Feeds n points of {@code level + sigma * N(0,1)} at 5-minute steps; returns the last score. */
    public static AnomalyScore feedNoise(Detector d, int n, double level, double sigma, Random random, long from) {
        AnomalyScore last = null;
        for (int i = 0; i < n; i++) {
            last = d.score(from + i * FIVE_MINUTES, level + sigma * random.nextGaussian());
        }
        return last;
    }

    /** A daily sine: 100 + 50 sin(2 pi t / day) + noise. */
    static double daily(long t, double noise) {
        return 100 + 50 * Math.sin(2 * Math.PI * Math.floorMod(t, DAY) / DAY) + noise;
    }
}
