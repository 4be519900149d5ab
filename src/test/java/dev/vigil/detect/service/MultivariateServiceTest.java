package dev.vigil.detect.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.MetricSample;
import dev.vigil.core.SeriesKey;
import dev.vigil.detect.definition.MultivariateDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multivariate detection in the detection service on a real (H2) store, without Quarkus: routing, checkpoints. */
class MultivariateServiceTest {

    static final long T0 = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
    static final long STEP = 60_000;

    @TempDir
    Path dir;

    AnomalyRepository anomalies;
    CheckpointRepository checkpoints;
    final List<DetectionService> started = new ArrayList<>();

    @BeforeEach
    void store() throws IOException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        ds.setUser("vigil");
        Flyway.configure().dataSource((DataSource) ds).locations("classpath:db/migration").load().migrate();
        anomalies = new AnomalyRepository(ds);
        checkpoints = new CheckpointRepository(ds);
        Files.createDirectories(dir.resolve("detectors"));
        Files.writeString(dir.resolve("detectors/multivariate.yaml"), MultivariateDefinitionsResource.DEFINITION);
    }

    @AfterEach
    void stop() {
        started.forEach(DetectionService::close);
    }

    DetectionService service(Path definitionsDir) {
        DetectionService d = new DetectionService(new DefinitionRegistry(definitionsDir), checkpoints, anomalies, 5,
                1000, 1000);
        started.add(d);
        return d;
    }

    /** Steps [from, to) of two tied key metrics: traffic wanders, latency follows it. */
    static void feed(DetectionService d, String service, int from, int to) {
        Random r = new Random(3 + from);
        for (int i = from; i < to; i++) {
            double rps = 200 * (1 + 0.2 * r.nextGaussian());
            accept(d, service, "flow_requests_per_second", T0 + i * STEP + 2_000, rps);
            accept(d, service, "flow_latency_ms", T0 + i * STEP + 5_000, 40 + 0.2 * rps + r.nextGaussian());
        }
    }

    static void accept(DetectionService d, String service, String metric, long t, double v) {
        MetricSample s = new MetricSample(service, metric, Map.of(), Instant.ofEpochMilli(t), v);
        d.accept(s, s.canonicalKey());
    }

    @Test
    void aRestartedServiceRefitsItsForestFromTheCheckpointedWindowWithoutANewWarmUp() {
        DetectionService first = service(dir.resolve("detectors"));
        feed(first, "mvflow-a", 0, 100);
        await().atMost(Duration.ofSeconds(60)).until(() -> first.multivariateFitted("mvflow-a"));
        new DetectionWriter(first, anomalies, checkpoints, c -> { }, a -> Optional.empty(), Clock.systemUTC())
                .checkpoint();
        String pseudo = SeriesKey.of("mvflow-a", MultivariateDefinition.SERIES_NAME, Map.of()).id();
        assertTrue(checkpoints.find(pseudo).isPresent(), "the vector is checkpointed under its pseudo series");

        DetectionService second = service(dir.resolve("detectors")); // a new process on the same database
        feed(second, "mvflow-a", 100, 102);
        await().atMost(Duration.ofSeconds(60)).until(() -> second.multivariateFitted("mvflow-a"));

        DetectionService fresh = service(dir.resolve("detectors"));
        feed(fresh, "mvflow-b", 100, 102);
        assertFalse(fresh.multivariateFitted("mvflow-b"), "without a checkpoint it warms up");
    }

    @Test
    void offUnlessConfiguredAndOnlyForTheServicesItNames() {
        DetectionService shipped = service(Path.of("detectors"));
        feed(shipped, "mvflow-a", 0, 100);
        DetectionService configured = service(dir.resolve("detectors"));
        feed(configured, "other-service", 0, 100);
        feed(configured, "mvflow-c", 0, 100);
        await().atMost(Duration.ofSeconds(60)).until(() -> configured.multivariateFitted("mvflow-c"));
        assertFalse(shipped.multivariateFitted("mvflow-a"), "the shipped definitions configure no vector");
        assertFalse(configured.multivariateFitted("other-service"), "a service the definition does not name");
        assertTrue(configured.dirtyCheckpoints().stream()
                .noneMatch(c -> c.canonical().startsWith("other-service|" + MultivariateDefinition.SERIES_NAME)));
    }
}
