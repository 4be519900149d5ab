package dev.vigil.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.DeployEvent;
import dev.vigil.core.DeployStatus;
import dev.vigil.core.SeriesKey;
import dev.vigil.deploy.DeployQuery;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.deploy.service.DeployRepository;
import dev.vigil.detect.service.CheckpointRepository;
import dev.vigil.detect.service.DetectorCheckpoint;
import dev.vigil.ingest.service.ConsumedOffset;
import dev.vigil.ingest.service.DerivedState;
import dev.vigil.ingest.service.SeriesDelta;
import dev.vigil.ingest.service.SeriesFlush;
import dev.vigil.ingest.service.SeriesQuery;
import dev.vigil.ingest.service.SeriesRecord;
import dev.vigil.ingest.service.SeriesRepository;
import dev.vigil.security.ApiToken;
import dev.vigil.security.Role;
import dev.vigil.security.TokenHasher;
import dev.vigil.security.TokenRepository;
import dev.vigil.security.TokenService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every supported database must do the same way. Subclasses supply a fresh, empty database. */
abstract class StoreContract {

    static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");

    DeployRepository deploys;
    SeriesRepository series;
    DataSource dataSource;

    abstract DataSource freshDatabase();

    @BeforeEach
    void migrate() {
        dataSource = freshDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        deploys = new DeployRepository(dataSource);
        series = new SeriesRepository(dataSource);
    }

    static DeployEvent event(String id, String version, DeployStatus status, Instant at) {
        return new DeployEvent(id, "checkout", "prod", version, "c0ffee", null, "repo", status,
                status == DeployStatus.STARTED ? at : null, status.finished() ? at : null, at, "vigil");
    }

    @Test
    void startedThenSucceededIsOneDeployWithBothTimes() {
        deploys.record(event("e1", "1.0", DeployStatus.STARTED, T0), T0);
        deploys.record(event("e2", "1.0", DeployStatus.SUCCEEDED, T0.plusSeconds(60)), T0);
        Page<DeployRecord> page = deploys.find(new DeployQuery("checkout", null, null, null, null), new PageRequest(10, 0));
        assertEquals(1, page.total());
        DeployRecord d = page.items().get(0);
        assertEquals(DeployStatus.SUCCEEDED, d.status());
        assertEquals(T0, d.startedAt());
        assertEquals(T0.plusSeconds(60), d.finishedAt());
    }

    @Test
    void aLateStartedEventDoesNotUndoTheOutcome() {
        deploys.record(event("e2", "1.0", DeployStatus.FAILED, T0.plusSeconds(60)), T0);
        deploys.record(event("e1", "1.0", DeployStatus.STARTED, T0), T0);
        DeployRecord d = deploys.find(new DeployQuery(null, null, null, null, null), new PageRequest(10, 0)).items().get(0);
        assertEquals(DeployStatus.FAILED, d.status());
        assertEquals(T0, d.startedAt());
    }

    @Test
    void aRedeliveredEventIsRecordedOnce() throws Exception {
        DeployRecord first = deploys.record(event("same", "1.0", DeployStatus.STARTED, T0), T0);
        deploys.record(event("same", "1.0", DeployStatus.STARTED, T0), T0);
        try (var c = dataSource.getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM deploy_events WHERE deploy_id = '" + first.id() + "'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void filtersDeploysByEnvironmentStatusAndTimeAndPagesNewestFirst() {
        for (int i = 0; i < 5; i++) {
            deploys.record(event("v" + i, "1." + i, DeployStatus.SUCCEEDED, T0.plusSeconds(i * 60L)), T0);
        }
        deploys.record(new DeployEvent(null, "checkout", "staging", "2.0", null, null, null, DeployStatus.STARTED,
                T0, null, T0, "vigil"), T0);
        Page<DeployRecord> prod = deploys.find(new DeployQuery("checkout", "prod", "succeeded", T0.plusSeconds(60), T0.plusSeconds(240)),
                new PageRequest(2, 0));
        assertEquals(3, prod.total());
        assertEquals(List.of("1.3", "1.2"), prod.items().stream().map(DeployRecord::version).toList());
        Page<DeployRecord> second = deploys.find(new DeployQuery("checkout", "prod", "succeeded", T0.plusSeconds(60), T0.plusSeconds(240)),
                new PageRequest(2, 2));
        assertEquals(List.of("1.1"), second.items().stream().map(DeployRecord::version).toList());
    }

    @Test
    void aReleaseFindsItsOneDeployByServiceEnvironmentAndVersion() {
        deploys.record(event("e1", "1.0", DeployStatus.STARTED, T0), T0);
        deploys.record(event("e2", "1.0", DeployStatus.SUCCEEDED, T0.plusSeconds(60)), T0);
        deploys.record(event("e3", "1.1", DeployStatus.STARTED, T0.plusSeconds(120)), T0);
        DeployRecord d = deploys.findRelease("checkout", "prod", "1.0").orElseThrow();
        assertEquals(DeployStatus.SUCCEEDED, d.status());
        assertEquals("1.1", deploys.findRelease("checkout", "prod", "1.1").orElseThrow().version());
        assertTrue(deploys.findRelease("checkout", "staging", "1.0").isEmpty());
        assertTrue(deploys.findRelease("cart", "prod", "1.0").isEmpty());
        assertTrue(deploys.findRelease("checkout", "prod", "2.0").isEmpty());
    }

    @Test
    void seriesMergeIsAdditiveAcrossFlushes() {
        SeriesKey key = SeriesKey.of("checkout", "latency", Map.of("env", "prod"));
        series.merge(List.of(new SeriesDelta(key, T0.plusSeconds(10), T0.plusSeconds(20), 3, 1.5)));
        series.merge(List.of(new SeriesDelta(key, T0, T0.plusSeconds(15), 2, 9.0)));
        SeriesRecord r = series.find(new SeriesQuery("checkout", null, null, null), new PageRequest(10, 0)).items().get(0);
        assertEquals(5, r.count());
        assertEquals(T0, r.firstSeen());
        assertEquals(T0.plusSeconds(20), r.lastSeen());
        assertEquals(1.5, r.lastValue(), "an older sample does not replace the newest value");
        assertEquals(Map.of("env", "prod"), r.labels());
    }

    @Test
    void seriesCountsAndTheOffsetsTheyReachAreStoredTogetherAndOffsetsOnlyMoveForward() {
        SeriesKey key = SeriesKey.of("checkout", "latency", Map.of());
        series.merge(new SeriesFlush(List.of(new SeriesDelta(key, T0, T0, 4, 1)),
                List.of(new ConsumedOffset("vigil.metrics", 0, 4), new ConsumedOffset("vigil.metrics", 3, 9))));
        series.merge(new SeriesFlush(List.of(), List.of(new ConsumedOffset("vigil.metrics", 0, 2))));
        series.merge(new SeriesFlush(List.of(new SeriesDelta(key, T0, T0.plusSeconds(1), 1, 2)),
                List.of(new ConsumedOffset("vigil.metrics", 3, 10))));
        assertEquals(Map.of(0, 4L, 3, 10L), storedOffsets("vigil.metrics"),
                "a replica flushing an older position after the partition's new owner does not move it back");
        assertEquals(Map.of(), storedOffsets("vigil.deploys"));
        assertEquals(5, series.find(new SeriesQuery("checkout", null, null, null), new PageRequest(10, 0)).items().get(0).count());
    }

    @Test
    void detectorStateIsStoredInTheTransactionOfTheCountsAndOffsetsItReflects() {
        SeriesKey key = SeriesKey.of("checkout", "latency", Map.of());
        CheckpointRepository checkpoints = new CheckpointRepository(dataSource);
        DetectorCheckpoint first = new DetectorCheckpoint(key.id(), key.canonical(), "default", "f1", new byte[] {1}, T0);
        series.merge(new SeriesFlush(List.of(new SeriesDelta(key, T0, T0, 3, 1)),
                List.of(new ConsumedOffset("vigil.metrics", 0, 3)),
                capture(c -> CheckpointRepository.write(c, List.of(first), T0))));
        assertEquals(T0, checkpoints.find(key.id()).orElseThrow().lastPoint());

        DetectorCheckpoint later = new DetectorCheckpoint(key.id(), key.canonical(), "default", "f1", new byte[] {2},
                T0.plusSeconds(60));
        assertThrows(StoreException.class, () -> series.merge(new SeriesFlush(
                List.of(new SeriesDelta(key, T0, T0.plusSeconds(60), 2, 2)), List.of(new ConsumedOffset("vigil.metrics", 0, 5)),
                capture(c -> {
                    CheckpointRepository.write(c, List.of(later), T0);
                    throw new SQLException("the disk is full");
                }))));
        assertEquals(Map.of(0, 3L), storedOffsets("vigil.metrics"), "offsets rolled back with the state");
        assertEquals(3, series.find(new SeriesQuery("checkout", null, null, null), new PageRequest(10, 0)).items().get(0).count());
        assertEquals(T0, checkpoints.find(key.id()).orElseThrow().lastPoint(), "the state rolled back with the offsets");
    }

    private interface SqlWrite {
        void write(Connection c) throws SQLException;
    }

    private static DerivedState.Capture capture(SqlWrite write) {
        return new DerivedState.Capture() {
            @Override
            public void write(Connection connection) throws SQLException {
                write.write(connection);
            }

            @Override
            public void failed() {
            }
        };
    }

    @Test
    void filtersSeriesByNameAndTimeSeen() {
        series.merge(List.of(
                new SeriesDelta(SeriesKey.of("a", "cpu", Map.of()), T0, T0.plusSeconds(10), 1, 1),
                new SeriesDelta(SeriesKey.of("a", "mem", Map.of()), T0.plusSeconds(100), T0.plusSeconds(200), 1, 1)));
        assertEquals(1, series.find(new SeriesQuery("a", "mem", null, null), new PageRequest(10, 0)).total());
        assertEquals(List.of("mem"), series.find(new SeriesQuery(null, null, T0.plusSeconds(50), null), new PageRequest(10, 0))
                .items().stream().map(SeriesRecord::name).toList());
    }

    @Test
    void countsAServicesSeriesSeenLatelyInAnEnvironmentOrWithoutOne() {
        series.merge(List.of(
                new SeriesDelta(SeriesKey.of("a", "cpu", Map.of("environment", "prod")), T0, T0.plusSeconds(10), 1, 1),
                new SeriesDelta(SeriesKey.of("a", "mem", Map.of("environment", "staging")), T0, T0.plusSeconds(10), 1, 1),
                new SeriesDelta(SeriesKey.of("a", "rps", Map.of()), T0, T0.plusSeconds(10), 1, 1),
                new SeriesDelta(SeriesKey.of("a", "old", Map.of()), T0.minusSeconds(7_200), T0.minusSeconds(3_600), 1, 1),
                new SeriesDelta(SeriesKey.of("b", "cpu", Map.of("environment", "prod")), T0, T0.plusSeconds(10), 1, 1)));
        assertEquals(2, series.countSeen("a", T0, "environment", "prod", 100), "cpu (prod) and rps (no label)");
        assertEquals(2, series.countSeen("a", T0, "environment", "staging", 100));
        assertEquals(3, series.countSeen("a", T0.minusSeconds(7_200), "environment", "prod", 100), "and the old one");
        assertEquals(1, series.countSeen("a", T0, "environment", "prod", 1), "at most max");
    }

    @Test
    void tokensAreStoredHashedVerifiedAndRevoked() {
        TokenRepository repository = new TokenRepository(dataSource);
        TokenService tokens = new TokenService(repository, new TokenHasher(), Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(30));
        TokenService.Issued issued = tokens.issue("ci", Set.of(Role.GATE));
        ApiToken stored = repository.findById(issued.token().id()).orElseThrow();
        assertFalse(stored.hash().contains(issued.secret()), "the secret is not stored");
        assertEquals(Set.of(Role.GATE), tokens.authenticate(issued.secret()).orElseThrow().roles());
        assertTrue(tokens.authenticate(issued.secret() + "x").isEmpty());
        assertTrue(tokens.revoke(issued.token().id()));
        assertTrue(tokens.authenticate(issued.secret()).isEmpty(), "a revoked token no longer works, even if cached");
    }

    /** The stored resume offset of each partition of {@code topic} that has one. */
    private Map<Integer, Long> storedOffsets(String topic) {
        Map<Integer, Long> offsets = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT partition_id, next_offset FROM consumer_offsets WHERE topic = ? AND next_offset IS NOT NULL")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return offsets;
    }
}
