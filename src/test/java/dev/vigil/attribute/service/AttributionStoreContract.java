package dev.vigil.attribute.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.attribute.AttributionRecord;
import dev.vigil.core.DeployEvent;
import dev.vigil.core.DeployStatus;
import dev.vigil.core.Severity;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.deploy.service.DeployRepository;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.service.AnomalyRepository;
import dev.vigil.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attributions of anomalies to deploys, and the deploy-by-start-time query they use, on every supported database. */
abstract class AttributionStoreContract {

    static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");

    AnomalyRepository anomalies;
    DeployRepository deploys;
    AttributionRepository attributions;

    abstract DataSource freshDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = freshDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        anomalies = new AnomalyRepository(dataSource);
        deploys = new DeployRepository(dataSource);
        attributions = new AttributionRepository(dataSource);
    }

    DeployRecord deploy(String service, String version, Instant startedAt) {
        return deploys.record(new DeployEvent(null, service, "prod", version, "c-" + version, null, null,
                DeployStatus.STARTED, startedAt, null, startedAt, "vigil"), startedAt);
    }

    String anomaly(String id, String service, Instant start) {
        anomalies.upsert(List.of(new AnomalyRecord(id, "0123456789abcdef0123456789abcdef", service, "latency",
                Map.of("pod", "p1"), "latency", AnomalyRecord.Status.OPEN, Severity.WARNING, start, start, null,
                0.9, 10.0, 1.0, 0.5, 1.5, "LEVEL")));
        return id;
    }

    static AttributionRecord attribution(String anomalyId, DeployRecord d, double confidence, Instant anomalyStart) {
        return new AttributionRecord(anomalyId, d.id(), d.service(), d.environment(), d.version(), "p.." + d.commit(),
                "latency", anomalyStart, confidence, List.of("deploy " + d.version() + " started 5 min before", "x2"),
                anomalyStart.plusSeconds(1));
    }

    @Test
    void anAttributionIsStoredOncePerAnomalyAndALaterOneReplacesIt() {
        DeployRecord first = deploy("checkout", "1", T0);
        DeployRecord second = deploy("checkout", "2", T0.plusSeconds(60));
        String a = anomaly("a1", "checkout", T0.plusSeconds(300));

        assertTrue(attributions.save(attribution(a, first, 0.77, T0.plusSeconds(300))), "new");
        AttributionRecord replaced = attribution(a, second, 0.42, T0.plusSeconds(300));
        assertFalse(attributions.save(replaced), "replaced, not new");

        assertEquals(Optional.of(replaced), attributions.findByAnomaly(a));
        assertEquals(List.of("deploy 2 started 5 min before", "x2"), attributions.findByAnomaly(a).orElseThrow().reasons());
        assertEquals(Map.of(), attributions.byDeploys(List.of(first.id())));
        assertEquals(Optional.empty(), attributions.findByAnomaly("other"));
    }

    @Test
    void aDeployListsItsAnomaliesOldestFirstAndTrainingSeesOnlyConfidentOnes() {
        DeployRecord d = deploy("checkout", "1", T0);
        DeployRecord quiet = deploy("checkout", "2", T0.plusSeconds(3600));
        DeployRecord cart = deploy("cart", "1", T0);
        attributions.save(attribution(anomaly("late", "checkout", T0.plusSeconds(600)), d, 0.4, T0.plusSeconds(600)));
        attributions.save(attribution(anomaly("early", "checkout", T0.plusSeconds(120)), d, 0.8, T0.plusSeconds(120)));
        attributions.save(attribution(anomaly("c1", "cart", T0.plusSeconds(60)), cart, 0.9, T0.plusSeconds(60)));

        Map<String, List<AttributionRecord>> byDeploy = attributions.byDeploys(List.of(d.id(), quiet.id(), cart.id()));
        assertEquals(List.of("early", "late"), byDeploy.get(d.id()).stream().map(AttributionRecord::anomalyId).toList());
        assertFalse(byDeploy.containsKey(quiet.id()));
        assertEquals(Set.of("early", "late", "c1"), attributions.byAnomalies(List.of("early", "late", "c1", "none")).keySet());

        assertEquals(Set.of(d.id()), attributions.attributedDeploys("checkout", 0.5));
        assertEquals(Set.of(), attributions.attributedDeploys("checkout", 0.81));
        assertEquals(Set.of(cart.id()), attributions.attributedDeploys("cart", 0.5));
    }

    @Test
    void aFalsePositiveLabelsNoDeployAsFailedUntilALaterVerdictTakesItBack() {
        DeployRecord d = deploy("checkout", "1", T0);
        attributions.save(attribution(anomaly("fp", "checkout", T0.plusSeconds(120)), d, 0.9, T0.plusSeconds(120)));
        assertEquals(Set.of(d.id()), attributions.attributedDeploys("checkout", 0.5));
        anomalies.addFeedback("fp", "false_positive", "load test", "tok", T0.plusSeconds(200));
        assertEquals(Set.of(), attributions.attributedDeploys("checkout", 0.5));
        anomalies.addFeedback("fp", "true_positive", "it was real after all", "tok", T0.plusSeconds(300));
        assertEquals(Set.of(d.id()), attributions.attributedDeploys("checkout", 0.5));
    }

    @Test
    void anAttributionNeedsItsAnomalyAndItsDeploy() {
        DeployRecord d = deploy("checkout", "1", T0);
        assertThrows(StoreException.class, () -> attributions.save(attribution("missing", d, 0.5, T0)));
    }

    @Test
    void deploysStartedInARangeAreFoundByTheirStartOrElseTheirReportTime() {
        deploy("checkout", "before", T0.minusSeconds(3600));
        deploy("checkout", "in", T0.plusSeconds(60));
        deploy("cart", "other-service", T0.plusSeconds(60));
        Instant finishedAt = T0.plusSeconds(120);
        deploys.record(new DeployEvent(null, "checkout", "prod", "only-finished", "c", null, null, DeployStatus.SUCCEEDED,
                null, finishedAt, finishedAt, "cdevents"), finishedAt);
        deploy("checkout", "after", T0.plusSeconds(7200));

        assertEquals(List.of("in", "only-finished"), deploys.startedBetween("checkout", T0, T0.plusSeconds(1800), 10)
                .stream().map(DeployRecord::version).toList());
        assertEquals(List.of("in"), deploys.startedBetween("checkout", T0, T0.plusSeconds(1800), 1)
                .stream().map(DeployRecord::version).toList());
    }
}
