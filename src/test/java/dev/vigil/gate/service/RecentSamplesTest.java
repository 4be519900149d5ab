package dev.vigil.gate.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.gate.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentSamplesTest {

    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    static RecentSamples buffer(int maxPoints, Duration maxAge, int maxSeries) {
        return new RecentSamples(new RecentSamples.Options(maxPoints, maxAge, maxSeries, "environment"));
    }

    static Evidence.SeriesSelector select(String env, Map<String, String> labels) {
        return new Evidence.SeriesSelector("checkout", env, "latency", labels);
    }

    @Test
    void canaryAndBaselineAreTellApartByTheirLabelAndOtherLabelsAreIgnored() {
        RecentSamples b = buffer(100, Duration.ofHours(1), 10);
        for (int i = 0; i < 5; i++) {
            b.add("checkout", "latency", Map.of("version", "1.4", "pod", "a"), T0.plusSeconds(i), 1 + i);
            b.add("checkout", "latency", Map.of("version", "1.5", "pod", "b"), T0.plusSeconds(i), 10 + i);
        }
        assertArrayEquals(new double[] {1, 2, 3, 4, 5},
                b.samples(select("prod", Map.of("version", "1.4")), T0, T0.plusSeconds(60)));
        assertArrayEquals(new double[] {10, 11, 12, 13, 14},
                b.samples(select("prod", Map.of("version", "1.5")), T0, T0.plusSeconds(60)));
        assertEquals(10, b.samples(select("prod", Map.of()), T0, T0.plusSeconds(60)).length);
        assertEquals(0, b.samples(select("prod", Map.of("version", "2.0")), T0, T0.plusSeconds(60)).length);
    }

    @Test
    void severalMatchingSeriesAreMergedInTimeOrderAndTheWindowIsInclusive() {
        RecentSamples b = buffer(100, Duration.ofHours(1), 10);
        b.add("checkout", "latency", Map.of("pod", "a"), T0.plusSeconds(2), 2);
        b.add("checkout", "latency", Map.of("pod", "b"), T0.plusSeconds(1), 1);
        b.add("checkout", "latency", Map.of("pod", "a"), T0.plusSeconds(3), 3);
        b.add("checkout", "latency", Map.of("pod", "b"), T0.plusSeconds(9), 9);
        assertArrayEquals(new double[] {1, 2, 3}, b.samples(select("prod", Map.of()), T0.plusSeconds(1), T0.plusSeconds(3)));
    }

    @Test
    void theEnvironmentLabelSelectsAndSeriesWithoutItMatchEveryEnvironment() {
        RecentSamples b = buffer(100, Duration.ofHours(1), 10);
        b.add("checkout", "latency", Map.of("environment", "prod"), T0, 1);
        b.add("checkout", "latency", Map.of("environment", "staging"), T0, 2);
        b.add("checkout", "latency", Map.of(), T0, 3);
        assertArrayEquals(new double[] {1, 3}, sorted(b.samples(select("prod", Map.of()), T0, T0)));
        assertArrayEquals(new double[] {2, 3}, sorted(b.samples(select("staging", Map.of()), T0, T0)));
    }

    @Test
    void theRingKeepsTheNewestPointsAndOutOfOrderSamplesComeBackInTimeOrder() {
        RecentSamples b = buffer(40, Duration.ofHours(1), 10);
        for (int i = 99; i >= 0; i--) {
            b.add("checkout", "latency", Map.of(), T0.plusSeconds(i), i);
        }
        double[] kept = b.samples(select("prod", Map.of()), T0, T0.plusSeconds(1000));
        assertEquals(40, kept.length);
        assertEquals(0, kept[0]);
        assertEquals(39, kept[39]);
        RecentSamples c = buffer(40, Duration.ofHours(1), 10);
        for (int i = 0; i < 100; i++) {
            c.add("checkout", "latency", Map.of(), T0.plusSeconds(i), i);
        }
        double[] newest = c.samples(select("prod", Map.of()), T0, T0.plusSeconds(1000));
        assertEquals(40, newest.length);
        assertEquals(60, newest[0]);
        assertEquals(99, newest[39]);
    }

    @Test
    void pointsOlderThanMaxAgeBeforeTheNewestAreNotRead() {
        RecentSamples b = buffer(100, Duration.ofSeconds(30), 10);
        for (int i = 0; i <= 60; i += 10) {
            b.add("checkout", "latency", Map.of(), T0.plusSeconds(i), i);
        }
        assertArrayEquals(new double[] {30, 40, 50, 60}, b.samples(select("prod", Map.of()), T0, T0.plusSeconds(60)));
    }

    @Test
    void seriesBeyondTheLimitAreDroppedAndCounted() {
        RecentSamples b = buffer(10, Duration.ofHours(1), 2);
        b.add("checkout", "latency", Map.of("pod", "a"), T0, 1);
        b.add("checkout", "latency", Map.of("pod", "b"), T0, 2);
        b.add("checkout", "latency", Map.of("pod", "c"), T0, 3);
        b.add("checkout", "latency", Map.of("pod", "a"), T0.plusSeconds(1), 4);
        assertEquals(2, b.seriesCount());
        assertEquals(1, b.droppedSeries());
        assertEquals(3, b.samples(select("prod", Map.of()), T0, T0.plusSeconds(1)).length);
    }

    @Test
    void optionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> buffer(0, Duration.ofHours(1), 1));
        assertThrows(IllegalArgumentException.class, () -> buffer(1, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> buffer(1, Duration.ofHours(1), 0));
    }

    private static double[] sorted(double[] a) {
        double[] c = a.clone();
        java.util.Arrays.sort(c);
        return c;
    }
}
