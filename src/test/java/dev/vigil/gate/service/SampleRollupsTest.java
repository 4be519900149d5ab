package dev.vigil.gate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.core.MetricSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleRollupsTest {

    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    private static void add(SampleRollups r, String metric, Instant at, double value) {
        MetricSample s = new MetricSample("checkout", metric, Map.of(), at, value);
        r.add(s.canonicalKey(), s);
    }

    @Test
    void samplesOfOneSeriesAndIntervalBecomeOneRollup() {
        SampleRollups r = new SampleRollups(Duration.ofMinutes(1), 10);
        add(r, "latency", T0.plusSeconds(1), 4);
        add(r, "latency", T0.plusSeconds(59), 2);
        add(r, "latency", T0.plusSeconds(60), 9);
        List<MetricRollup> taken = r.takeAll();
        assertEquals(2, taken.size());
        MetricRollup first = taken.stream().filter(x -> x.bucket().equals(T0)).findFirst().orElseThrow();
        assertEquals(new MetricRollup("checkout", "latency", Map.of(), T0, 2, 6, 2, 4, 2, T0.plusSeconds(59)), first);
        assertEquals(0, r.size());
    }

    @Test
    void samplesThatWouldOpenMoreThanTheLimitAreDroppedAndCounted() {
        SampleRollups r = new SampleRollups(Duration.ofMinutes(1), 1);
        add(r, "latency", T0, 1);
        add(r, "latency", T0.plusSeconds(1), 2); // same rollup: kept
        add(r, "errors", T0, 3);                 // a second one: dropped
        assertEquals(1, r.size());
        assertEquals(1, r.dropped());
        assertEquals(2, r.takeAll().get(0).count());
    }

    @Test
    void aResolutionUnderASecondIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SampleRollups(Duration.ofMillis(500), 10));
    }
}
