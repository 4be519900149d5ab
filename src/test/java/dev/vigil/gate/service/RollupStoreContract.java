package dev.vigil.gate.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.MetricSample;
import dev.vigil.gate.Aggregate;
import dev.vigil.gate.Evidence;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every supported database must do the same way for the gate's rollups of Vigil's own samples: partial rollups
 * of one interval add up, aggregates are exact, old ones are pruned. Subclasses supply an empty database.
 */
abstract class RollupStoreContract {

    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    static final Duration MINUTE = Duration.ofMinutes(1);

    RollupRepository repository;
    StoredMetrics metrics;
    SampleRollups open;
    DataSource dataSource;

    abstract DataSource freshDatabase();

    @BeforeEach
    void migrate() {
        dataSource = freshDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        repository = new RollupRepository(dataSource);
        metrics = new StoredMetrics(repository, MINUTE, "environment");
        open = new SampleRollups(MINUTE, 1000);
    }

    private void add(Map<String, String> labels, Instant at, double value) {
        MetricSample s = new MetricSample("checkout", "latency", labels, at, value);
        open.add(s.canonicalKey(), s);
    }

    /** Stores what is open as the series flush does, in a transaction (here the connection's own). */
    private void flush() {
        try (Connection c = dataSource.getConnection()) {
            RollupRepository.write(c, open.takeAll());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Evidence.SeriesSelector selector(String environment, Map<String, String> labels) {
        return new Evidence.SeriesSelector("checkout", environment, "latency", labels);
    }

    @Test
    void twoFlushesOfOneIntervalAddUpAndTheAggregatesAreExact() {
        add(Map.of(), T0.plusSeconds(1), 1);
        add(Map.of(), T0.plusSeconds(20), 5);
        flush();
        add(Map.of(), T0.plusSeconds(40), 3); // same minute, stored by a later flush (or another replica)
        add(Map.of(), T0.plusSeconds(70), 10);
        flush();
        assertEquals(0, open.size());
        Evidence.SeriesSelector all = selector("prod", Map.of());
        Instant from = T0;
        Instant to = T0.plusSeconds(120);
        assertEquals(19.0 / 4, metrics.aggregate(all, Aggregate.AVG, from, to), 1e-12);
        assertEquals(1, metrics.aggregate(all, Aggregate.MIN, from, to));
        assertEquals(10, metrics.aggregate(all, Aggregate.MAX, from, to));
        assertEquals(19, metrics.aggregate(all, Aggregate.SUM, from, to));
        assertEquals(4, metrics.aggregate(all, Aggregate.COUNT, from, to));
        assertEquals(10, metrics.aggregate(all, Aggregate.LAST, from, to));
        assertArrayEquals(new double[] {3, 10}, metrics.samples(all, from, to), "one mean per series-minute");
    }

    @Test
    void theNewestValueWinsWhateverOrderPartialRollupsArriveIn() {
        add(Map.of(), T0.plusSeconds(50), 7);
        flush();
        add(Map.of(), T0.plusSeconds(10), 2); // older sample, stored later
        flush();
        assertEquals(7, metrics.aggregate(selector("prod", Map.of()), Aggregate.LAST, T0, T0.plusSeconds(59)));
    }

    @Test
    void aSeriesOfAnotherEnvironmentOrWithOtherLabelsIsNotRead() {
        add(Map.of("environment", "prod", "track", "canary"), T0.plusSeconds(5), 1);
        add(Map.of("environment", "staging", "track", "canary"), T0.plusSeconds(5), 100);
        add(Map.of("track", "baseline"), T0.plusSeconds(5), 2); // no environment label: every environment
        flush();
        assertArrayEquals(new double[] {1}, metrics.samples(selector("prod", Map.of("track", "canary")), T0, T0.plusSeconds(60)));
        assertEquals(3, metrics.aggregate(selector("prod", Map.of()), Aggregate.SUM, T0, T0.plusSeconds(60)));
        assertEquals(Double.NaN, metrics.aggregate(selector("prod", Map.of("track", "x")), Aggregate.AVG, T0, T0.plusSeconds(60)));
        assertEquals(0, metrics.aggregate(selector("prod", Map.of("track", "x")), Aggregate.COUNT, T0, T0.plusSeconds(60)));
    }

    @Test
    void aWindowTakesTheIntervalsThatOverlapIt() {
        add(Map.of(), T0.plusSeconds(30), 1);   // minute 0
        add(Map.of(), T0.plusSeconds(90), 2);   // minute 1
        add(Map.of(), T0.plusSeconds(150), 3);  // minute 2
        flush();
        assertArrayEquals(new double[] {1, 2}, metrics.samples(selector("prod", Map.of()), T0.plusSeconds(45), T0.plusSeconds(100)));
    }

    @Test
    void pruningDeletesTheIntervalsBeforeTheRetention() {
        add(Map.of(), T0.plusSeconds(5), 1);
        add(Map.of(), T0.plusSeconds(65), 2);
        flush();
        assertEquals(1, repository.prune(T0.plusSeconds(60)));
        assertArrayEquals(new double[] {2}, metrics.samples(selector("prod", Map.of()), T0, T0.plusSeconds(120)));
    }

    @Test
    void aBatchThatCouldNotBeStoredIsPutBackAndMergedWithWhatArrivedMeanwhile() {
        add(Map.of(), T0.plusSeconds(5), 1);
        List<MetricRollup> taken = open.takeAll();
        add(Map.of(), T0.plusSeconds(6), 3);
        open.putBack(taken);
        assertEquals(1, open.size());
        flush();
        assertEquals(2, metrics.aggregate(selector("prod", Map.of()), Aggregate.AVG, T0, T0.plusSeconds(60)));
        assertTrue(repository.read("checkout", "latency", T0.minusSeconds(60), T0.plusSeconds(60)).size() == 1);
    }
}
