package dev.vigil.predict.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.attribute.AttributionRecord;
import dev.vigil.attribute.service.AttributionRepository;
import dev.vigil.core.DeployEvent;
import dev.vigil.core.DeployStatus;
import dev.vigil.core.Severity;
import dev.vigil.deploy.DeployQuery;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.deploy.service.DeployRepository;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.service.AnomalyRepository;
import dev.vigil.git.ChangeFeatures;
import dev.vigil.git.RangeFeatures;
import dev.vigil.predict.DeployFeatures;
import dev.vigil.predict.LabeledDeploy;
import dev.vigil.predict.RiskLevel;
import dev.vigil.predict.ServiceFeatures;
import dev.vigil.predict.ServiceModelTrainer;
import dev.vigil.store.PageRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given deploys predicted at start and labelled since, when retraining, then a versioned model is stored and used. */
class ModelRetrainerTest {

    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dir;

    DeployRepository deploys;
    PredictionRepository predictions;
    ModelRepository models;
    ServiceModels serviceModels;
    ModelRetrainer retrainer;
    AnomalyRepository anomalies;
    AttributionRepository attributions;

    // Micrometer's in-memory registry: a real registry, not ours to stub.
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void store() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        ds.setUser("vigil");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        deploys = new DeployRepository(ds);
        predictions = new PredictionRepository(ds);
        models = new ModelRepository(ds);
        serviceModels = new ServiceModels(models);
        anomalies = new AnomalyRepository(ds);
        attributions = new AttributionRepository(ds);
        retrainer = new ModelRetrainer(predictions, deploys, models, serviceModels,
                new ServiceModelTrainer(ServiceModelTrainer.Options.defaults()), attributions, 0.5,
                new PredictionMetrics(registry));
    }

    /** n deploys of the service; big changes fail, seeded. */
    void history(String service, int n) {
        Random random = new Random(7);
        for (int i = 0; i < n; i++) {
            Instant at = T0.plus(Duration.ofHours(6L * i));
            double la = Math.exp(random.nextDouble() * 8);
            boolean failed = la > 800 ? random.nextDouble() < 0.8 : random.nextDouble() < 0.05;
            String version = "1." + i;
            DeployRecord d = deploys.record(new DeployEvent(null, service, "prod", version, "c" + i, null, "/r",
                    DeployStatus.STARTED, at, null, at, "vigil"), at);
            deploys.record(new DeployEvent(null, service, "prod", version, null, null, null,
                    failed ? DeployStatus.FAILED : DeployStatus.SUCCEEDED, null, at.plusSeconds(600),
                    at.plusSeconds(600), "vigil"), at);
            ChangeFeatures change = new ChangeFeatures(1, 1, 2, 0.5, Math.rint(la), Math.rint(la / 3), 500, 0, 2, 10, 3,
                    20, 5, 10);
            ServiceFeatures sf = new ServiceFeatures(0.1, 4, 3, 0, i % 24, 1 + i % 7);
            predictions.insert(new PredictionRecord(UUID.randomUUID().toString(), d.id(), PredictionRecord.Source.DEPLOY, service, "prod",
                    version, "/r", null, null, "c" + i, 1, PredictionRecord.Status.OK, null, 0.2, RiskLevel.LOW, "cold", true, "cold start", null,
                    FeatureCodec.write(new RangeFeatures(null, null, "c" + i, List.of(), change, Set.of()), sf), at));
        }
    }

    @Test
    void enoughLabelledDeploysTrainAVersionedModelThatIsThenUsed() {
        history("checkout", 160);
        assertTrue(serviceModels.forService("checkout").isEmpty(), "cold start before training");

        ModelRetrainer.Result result = retrainer.retrain("checkout", T0.plus(Duration.ofDays(60)));

        assertTrue(result.trained(), result.summary());
        assertEquals(160, result.labelledDeploys());
        assertEquals(result.version(), models.latest("checkout").orElseThrow().version());
        assertTrue(result.version().startsWith("checkout-"), result.version());
        assertEquals(DeployFeatures.NAMES, serviceModels.forService("checkout").orElseThrow().featureNames(),
                "the stored artefact loads and replaces cold start");
    }

    @Test
    void tooFewLabelledDeploysStayOnColdStartWithTheReason() {
        history("cart", 30);
        List<ModelRetrainer.Result> results = retrainer.retrainAll(T0.plus(Duration.ofDays(10)));
        assertEquals(1, results.size());
        assertFalse(results.get(0).trained());
        assertTrue(results.get(0).summary().contains("30 labelled deploys"), results.get(0).summary());
        assertTrue(models.latest("cart").isEmpty());
    }

    /** Attributes a new anomaly of the service to the deploy of the version, with the confidence. */
    void attribute(String service, String version, double confidence) {
        DeployRecord d = deploys.find(new DeployQuery(service, "prod", null, null, null), new PageRequest(1000, 0))
                .items().stream().filter(r -> r.version().equals(version)).findFirst().orElseThrow();
        String id = UUID.randomUUID().toString();
        Instant at = d.startedAt().plusSeconds(300);
        anomalies.upsert(List.of(new AnomalyRecord(id, "0123456789abcdef0123456789abcdef", service, "latency", Map.of(),
                "default", AnomalyRecord.Status.OPEN, Severity.WARNING, at, at, null, 0.9, 2, 1, 0.5, 1.5, "LEVEL")));
        attributions.save(new AttributionRecord(id, d.id(), service, "prod", version, null, "latency", at, confidence,
                List.of("test"), at));
    }

    @Test
    void aDeployWithAnAttributedAnomalyAboveTheFloorIsLabelledFailedWhateverItsReportedOutcome() {
        history("search", 30);
        long failedByOutcome = retrainer.labelledDeploys("search").stream().filter(LabeledDeploy::failed).count();
        String succeeded = retrainer.labelledDeploys("search").stream().filter(d -> !d.failed()).findFirst()
                .map(d -> deploys.findById(d.deployId()).orElseThrow().version()).orElseThrow();
        String another = retrainer.labelledDeploys("search").stream().filter(d -> !d.failed()).skip(1).findFirst()
                .map(d -> deploys.findById(d.deployId()).orElseThrow().version()).orElseThrow();

        attribute("search", succeeded, 0.77);
        attribute("search", another, 0.3); // below vigil.attribution.min-confidence: not a label

        List<LabeledDeploy> labelled = retrainer.labelledDeploys("search");
        assertEquals(failedByOutcome + 1, labelled.stream().filter(LabeledDeploy::failed).count());
        String failedId = labelled.stream().filter(LabeledDeploy::anomalyAfter).map(LabeledDeploy::deployId)
                .findFirst().orElseThrow();
        assertEquals(succeeded, deploys.findById(failedId).orElseThrow().version());

        ModelRetrainer.Result result = retrainer.retrain("search", T0.plus(Duration.ofDays(10)));
        assertEquals(30, result.labelledDeploys());
        assertEquals(failedByOutcome + 1, result.failedDeploys());
        assertEquals(1, result.anomalyLabels(), "the attribution below the floor is not a label");
        assertEquals(1.0, registry.get("vigil_model_training_labels").tags("service", "search", "label", "anomaly")
                .gauge().value());
        assertEquals(30.0, registry.get("vigil_model_training_labels").tags("service", "search", "label", "all")
                .gauge().value());
    }

    @Test
    void retrainIntervalParses() {
        assertEquals(Optional.of(Duration.ofHours(24)), RetrainSchedule.parse("24h"));
        assertEquals(Optional.of(Duration.ofDays(2)), RetrainSchedule.parse("2d"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), RetrainSchedule.parse("PT90M"));
        assertEquals(Optional.empty(), RetrainSchedule.parse("off"));
        assertThrows(IllegalArgumentException.class, () -> RetrainSchedule.parse("daily"));
    }
}
