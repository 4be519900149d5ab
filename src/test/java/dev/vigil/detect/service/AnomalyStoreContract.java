package dev.vigil.detect.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.Severity;
import dev.vigil.detect.anomaly.AnomalyFeedback;
import dev.vigil.detect.anomaly.AnomalyQuery;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Anomalies, feedback and checkpoints behave the same on every supported database. */
abstract class AnomalyStoreContract {

    static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");

    AnomalyRepository anomalies;
    CheckpointRepository checkpoints;

    abstract DataSource freshDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = freshDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        anomalies = new AnomalyRepository(dataSource);
        checkpoints = new CheckpointRepository(dataSource);
    }

    static AnomalyRecord anomaly(String id, String service, String metric, Severity severity, Instant start, Instant end) {
        return new AnomalyRecord(id, "0123456789abcdef0123456789abcdef", service, metric, Map.of("pod", "p1"), "latency",
                end == null ? AnomalyRecord.Status.OPEN : AnomalyRecord.Status.CLOSED, severity, start, end == null ? start : end, end,
                0.9, 10.0, 1.0, 0.5, 1.5, "LEVEL");
    }

    @Test
    void anUpsertInsertsThenReplacesTheState() {
        anomalies.upsert(List.of(anomaly("a1", "checkout", "latency", Severity.INFO, T0, null)));
        AnomalyRecord closed = anomaly("a1", "checkout", "latency", Severity.CRITICAL, T0, T0.plusSeconds(120));
        anomalies.upsert(List.of(closed));
        AnomalyRecord stored = anomalies.findById("a1").orElseThrow();
        assertEquals(closed, stored);
        assertEquals(Map.of("pod", "p1"), stored.labels());
        assertEquals(1, anomalies.find(AnomalyQuery.all(), new PageRequest(10, 0)).total());
    }

    @Test
    void filtersByServiceMetricSeverityOpenAndOverlapWithTheRange() {
        anomalies.upsert(List.of(
                anomaly("a1", "checkout", "latency", Severity.INFO, T0, T0.plusSeconds(60)),
                anomaly("a2", "checkout", "latency", Severity.CRITICAL, T0.plusSeconds(600), null),
                anomaly("a3", "checkout", "errors", Severity.WARNING, T0.plusSeconds(300), T0.plusSeconds(900)),
                anomaly("a4", "cart", "latency", Severity.INFO, T0.plusSeconds(100), null)));
        PageRequest page = new PageRequest(10, 0);
        assertEquals(List.of("a2", "a3", "a1"), ids(anomalies.find(new AnomalyQuery("checkout", null, null, null, null, false), page)));
        assertEquals(List.of("a2", "a1"), ids(anomalies.find(new AnomalyQuery("checkout", "latency", null, null, null, false), page)));
        assertEquals(List.of("a2"), ids(anomalies.find(new AnomalyQuery(null, null, Severity.CRITICAL, null, null, false), page)));
        assertEquals(List.of("a2", "a4"), ids(anomalies.find(new AnomalyQuery(null, null, null, null, null, true), page)));
        // open at any moment in [T0+200s, T0+400s): a3 (started inside), a4 (open since before); not a1 (ended), a2 (later)
        assertEquals(List.of("a3", "a4"), ids(anomalies.find(
                new AnomalyQuery(null, null, null, T0.plusSeconds(200), T0.plusSeconds(400), false), page)));
        Page<AnomalyRecord> second = anomalies.find(AnomalyQuery.all(), new PageRequest(2, 2));
        assertEquals(4, second.total());
        assertEquals(List.of("a4", "a1"), ids(second));
        assertEquals(List.of("a2", "a4"), anomalies.openForSeries("0123456789abcdef0123456789abcdef")
                .stream().map(AnomalyRecord::id).sorted().toList());
    }

    @Test
    void feedbackIsStoredPerAnomaly() {
        anomalies.upsert(List.of(anomaly("a1", "checkout", "latency", Severity.INFO, T0, null)));
        anomalies.addFeedback("a1", "false_positive", "deploy window", "tok1", T0.plusSeconds(5));
        anomalies.addFeedback("a1", "true_positive", null, "tok2", T0.plusSeconds(6));
        List<AnomalyFeedback> all = anomalies.feedback("a1");
        assertEquals(List.of("false_positive", "true_positive"), all.stream().map(AnomalyFeedback::verdict).toList());
        assertEquals("deploy window", all.get(0).comment());
        assertEquals(T0.plusSeconds(5), all.get(0).createdAt());
    }

    @Test
    void whatTheGateCountsLeavesOutAnomaliesWhoseLatestVerdictIsFalsePositive() {
        anomalies.upsert(List.of(anomaly("a1", "checkout", "latency", Severity.CRITICAL, T0, null),
                anomaly("a2", "checkout", "errors", Severity.CRITICAL, T0, null)));
        AnomalyQuery counted = new AnomalyQuery("checkout", null, null, null, null, false).counted();
        PageRequest page = new PageRequest(10, 0);
        anomalies.addFeedback("a1", "false_positive", "load test", "tok", T0.plusSeconds(5));
        assertEquals(List.of("a2"), anomalies.items(counted, page).stream().map(AnomalyRecord::id).toList());
        assertEquals(2, anomalies.find(AnomalyQuery.all(), page).total(), "listing still shows both");
        anomalies.addFeedback("a1", "true_positive", "it was real", "tok", T0.plusSeconds(6));
        assertEquals(List.of("a1", "a2"), anomalies.items(counted, page).stream().map(AnomalyRecord::id).sorted().toList());
    }

    @Test
    void checkpointsRoundTripAndAnOlderStateNeverReplacesANewerOne() {
        String id = "fedcba9876543210fedcba9876543210";
        byte[] newer = {1, 2, 3, 4, 5};
        checkpoints.save(List.of(new DetectorCheckpoint(id, "s|m|", "default", "f1", newer, T0.plusSeconds(60))), T0);
        checkpoints.save(List.of(new DetectorCheckpoint(id, "s|m|", "default", "f1", new byte[] {9}, T0)), T0);
        DetectorCheckpoint stored = checkpoints.find(id).orElseThrow();
        assertArrayEquals(newer, stored.state());
        assertEquals(T0.plusSeconds(60), stored.lastPoint());
        checkpoints.save(List.of(new DetectorCheckpoint(id, "s|m|", "latency", "f2", new byte[] {7}, T0.plusSeconds(61))), T0);
        assertEquals("latency", checkpoints.find(id).orElseThrow().definition());
        checkpoints.delete(id);
        assertTrue(checkpoints.find(id).isEmpty());
    }

    private static List<String> ids(Page<AnomalyRecord> page) {
        return page.items().stream().map(AnomalyRecord::id).toList();
    }
}
