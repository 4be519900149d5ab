package dev.vigil.detect.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.MetricSample;
import dev.vigil.core.SeriesKey;
import dev.vigil.detect.Feedback;
import dev.vigil.detect.anomaly.AnomalyQuery;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.service.AnomalyRepository;
import dev.vigil.store.PageRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detection service on a real (H2) store, without Quarkus: events, feedback, checkpoints, eviction. */
class DetectionServiceTest {

    static final long T0 = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
    static final long STEP = 60_000;

    @TempDir
    Path dir;

    AnomalyRepository anomalies;
    CheckpointRepository checkpoints;
    DefinitionRegistry definitions;
    final List<AnomalyChange> published = new ArrayList<>();

    @BeforeEach
    void store() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        ds.setUser("vigil");
        Flyway.configure().dataSource((DataSource) ds).locations("classpath:db/migration").load().migrate();
        anomalies = new AnomalyRepository(ds);
        checkpoints = new CheckpointRepository(ds);
        definitions = new DefinitionRegistry(Path.of("detectors"));
    }

    DetectionService service(int maxSeries) {
        return new DetectionService(definitions, checkpoints, anomalies, 5, maxSeries, 1000);
    }

    DetectionWriter writer(DetectionService detection) {
        return new DetectionWriter(detection, anomalies, checkpoints, published::add, a -> Optional.empty(),
                Clock.systemUTC());
    }

    /** A daily-ish wave with a little noise, one point a minute; deterministic. */
    static double normal(int i, Random noise) {
        return 100 + 10 * Math.sin(2 * Math.PI * i / 60.0) + noise.nextGaussian();
    }

    static MetricSample sample(String service, int i, double value) {
        return new MetricSample(service, "widget_level", Map.of("pod", "p1"), Instant.ofEpochMilli(T0 + i * STEP), value);
    }

    /** Feeds points [from, to) of the normal wave, with a spike of +300 at the given index (or none for -1). */
    static void feed(DetectionService d, String service, int from, int to, int spikeAt) {
        Random noise = new Random(42 + from);
        for (int i = from; i < to; i++) {
            double v = normal(i, noise);
            MetricSample s = sample(service, i, i == spikeAt ? v + 300 : v);
            d.accept(s, s.canonicalKey());
        }
    }

    static String canonical(String service) {
        return SeriesKey.of(service, "widget_level", Map.of("pod", "p1")).canonical();
    }

    @Test
    void aSpikeOpensAnAnomalyThatClosesAfterFiveNormalPoints() {
        DetectionService d = service(1000);
        DetectionWriter w = writer(d);
        feed(d, "svc", 0, 400, 300);
        w.flush();
        List<String> types = published.stream().map(AnomalyChange::type).toList();
        assertEquals(AnomalyChange.OPENED, types.get(0), types.toString());
        assertEquals(AnomalyChange.CLOSED, types.get(types.size() - 1), types.toString());
        AnomalyRecord a = anomalies.find(AnomalyQuery.all(), new PageRequest(10, 0)).items().get(0);
        assertEquals(1, anomalies.find(AnomalyQuery.all(), new PageRequest(10, 0)).total());
        assertEquals(AnomalyRecord.Status.CLOSED, a.status());
        assertEquals(Instant.ofEpochMilli(T0 + 300 * STEP), a.startedAt());
        assertEquals("svc", a.service());
        assertEquals("widget_level", a.metric());
        assertEquals("default", a.detector());
        assertTrue(a.observed() > a.upper(), "observed above the band at the peak");
        assertTrue(a.peakScore() >= 0.75);
        assertEquals(canonical("svc"), published.get(0).seriesKey());
    }

    @Test
    void falsePositiveFeedbackWidensThatSeriesBandOnly() {
        DetectionService d = service(1000);
        feed(d, "a", 0, 300, -1);
        feed(d, "b", 0, 300, -1);
        assertTrue(d.feedback(SeriesKey.of("a", "widget_level", Map.of("pod", "p1")), Feedback.FALSE_POSITIVE,
                Instant.parse("2026-01-01T00:00:00Z")));
        feed(d, "a", 300, 301, -1);
        feed(d, "b", 300, 301, -1);
        SeriesState.Snapshot a = d.snapshot(canonical("a")).orElseThrow();
        SeriesState.Snapshot b = d.snapshot(canonical("b")).orElseThrow();
        double widthA = a.upper() - a.lower();
        double widthB = b.upper() - b.lower();
        assertEquals(a.expected(), b.expected(), 1e-9, "same data, same expectation");
        assertEquals(1.25, widthA / widthB, 0.01, "the band of the series with a false positive is 25% wider");
    }

    @Test
    void aCheckpointedSeriesResumesScoringWithoutANewWarmUp() {
        DetectionService first = service(1000);
        feed(first, "svc", 0, 300, -1);
        writer(first).checkpoint();

        DetectionService second = service(1000); // a new process on the same database
        DetectionService fresh = new DetectionService(definitions, new CheckpointRepository(emptyStore()),
                new AnomalyRepository(emptyStore()), 5, 1000, 1000);
        feed(second, "svc", 300, 301, -1);
        feed(first, "svc", 300, 301, -1);
        feed(fresh, "svc", 300, 301, -1);
        SeriesState.Snapshot resumed = second.snapshot(canonical("svc")).orElseThrow();
        SeriesState.Snapshot continued = first.snapshot(canonical("svc")).orElseThrow();
        assertTrue(resumed.scored(), "scored at once, no warm-up");
        assertFalse(fresh.snapshot(canonical("svc")).orElseThrow().scored(), "without the checkpoint it warms up");
        assertEquals(continued.score(), resumed.score(), 1e-12);
        assertEquals(continued.upper(), resumed.upper(), 1e-12);
    }

    @Test
    void overTheBoundTheLeastRecentlySeenAreCheckpointedAndResumeLater() {
        DetectionService d = service(2);
        DetectionWriter w = writer(d);
        feed(d, "old", 0, 200, -1);
        feed(d, "mid", 0, 200, -1);
        feed(d, "new", 0, 200, -1);
        w.flush();
        assertEquals(2, d.heldSeries());
        assertTrue(d.snapshot(canonical("old")).isEmpty(), "the least recently seen went");
        feed(d, "old", 200, 201, -1);
        assertTrue(d.snapshot(canonical("old")).orElseThrow().scored(), "it resumes from its checkpoint");
    }

    @Test
    void anAnomalyLeftOpenByARestartIsContinuedOrClosed() {
        DetectionService first = service(1000);
        DetectionWriter w1 = writer(first);
        feed(first, "svc", 0, 301, 300); // the spike is the last point before the "restart"
        w1.flush();
        w1.checkpoint();
        AnomalyRecord open = anomalies.find(AnomalyQuery.all(), new PageRequest(10, 0)).items().get(0);
        assertEquals(AnomalyRecord.Status.OPEN, open.status());

        DetectionService second = service(1000);
        DetectionWriter w2 = writer(second);
        feed(second, "svc", 301, 320, -1);
        w2.flush();
        AnomalyRecord after = anomalies.findById(open.id()).orElseThrow();
        assertEquals(AnomalyRecord.Status.CLOSED, after.status(), "closed once normal again after the restart");
        assertEquals(open.startedAt(), after.startedAt());
        assertEquals(1, anomalies.find(AnomalyQuery.all(), new PageRequest(10, 0)).total(), "no second anomaly");
    }

    @Test
    void aReloadedDefinitionAppliesToHeldSeries() throws Exception {
        Path defs = dir.resolve("defs");
        java.nio.file.Files.createDirectories(defs);
        Path file = defs.resolve("widgets.yaml");
        java.nio.file.Files.writeString(file, "detectors:\n  - name: widgets\n    match: {metric: widget_level}\n");
        definitions = new DefinitionRegistry(defs);
        DetectionService d = service(1000);
        feed(d, "svc", 0, 200, -1);
        assertEquals("widgets", d.snapshot(canonical("svc")).orElseThrow().definition());
        assertTrue(d.snapshot(canonical("svc")).orElseThrow().scored());

        java.nio.file.Files.writeString(file, "detectors:\n  - name: widgets-v2\n    match: {metric: widget_level}\n"
                + "    warmUp: 300\n");
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertTrue(definitions.poll());
        feed(d, "svc", 200, 201, -1);
        SeriesState.Snapshot after = d.snapshot(canonical("svc")).orElseThrow();
        assertEquals("widgets-v2", after.definition());
        assertFalse(after.scored(), "other settings: the detector starts afresh and warms up again");
    }

    private DataSource emptyStore() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("empty") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        ds.setUser("vigil");
        Flyway.configure().dataSource((DataSource) ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }
}
