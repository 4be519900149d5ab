package dev.vigil.predict.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vigil.predict.RiskLevel;
import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every supported database must do the same way for predictions and models. */
abstract class PredictionStoreContract {

    static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    PredictionRepository predictions;
    ModelRepository models;

    abstract DataSource freshDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = freshDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        predictions = new PredictionRepository(dataSource);
        models = new ModelRepository(dataSource);
    }

    static PredictionRecord ok(String service, String env, RiskLevel risk, double p, Instant at, String deployId) {
        ArrayNode explanations = JSON.createArrayNode();
        explanations.addObject().put("feature", "la").put("direction", "RAISES").put("contribution", 0.8)
                .put("sentence", "la = 300 (lines added) raises the risk (+0.80 log-odds)");
        return new PredictionRecord(UUID.randomUUID().toString(), deployId, PredictionRecord.Source.DEPLOY, service,
                env, "1.0", "/repo", "aaa", "aaa", "bbb", 3, PredictionRecord.Status.OK, null, p, risk,
                "cold-start-lr-x", true, "cold start", explanations,
                JSON.createObjectNode().put("la", 300.0), at);
    }

    @Test
    void anOkPredictionRoundTripsWithItsJson() {
        PredictionRecord p = ok("checkout", "prod", RiskLevel.MEDIUM, 0.42, T0, "d1");
        predictions.insert(p);
        PredictionRecord read = predictions.findById(p.id()).orElseThrow();
        assertEquals(p, read);
        assertEquals("la", read.explanations().get(0).path("feature").asText());
        assertTrue(predictions.existsForDeploy("d1"));
        assertFalse(predictions.existsForDeploy("d2"));
    }

    @Test
    void anUnavailablePredictionKeepsItsReasonAndNulls() {
        PredictionRecord p = new PredictionRecord(UUID.randomUUID().toString(), null, PredictionRecord.Source.REQUEST,
                "checkout", "prod", null, "/nowhere", null, null, "bbb", null, PredictionRecord.Status.UNAVAILABLE,
                "repository_unreachable: repository path /nowhere is not a directory", null, null, null, null, null,
                null, null, T0);
        predictions.insert(p);
        PredictionRecord read = predictions.findById(p.id()).orElseThrow();
        assertEquals(p, read);
        assertNull(read.probability());
        assertNull(read.coldStart());
    }

    @Test
    void filtersByServiceEnvironmentRiskStatusAndTimeAndPagesNewestFirst() {
        for (int i = 0; i < 5; i++) {
            predictions.insert(ok("checkout", "prod", i % 2 == 0 ? RiskLevel.HIGH : RiskLevel.LOW, 0.1 * i, T0.plusSeconds(60L * i),
                    "d" + i));
        }
        predictions.insert(ok("checkout", "staging", RiskLevel.HIGH, 0.9, T0, null));
        predictions.insert(ok("cart", "prod", RiskLevel.HIGH, 0.9, T0, null));
        Page<PredictionRecord> high = predictions.find(
                new PredictionQuery("checkout", "prod", "HIGH", "ok", null, T0, T0.plusSeconds(300)),
                new PageRequest(2, 0));
        assertEquals(3, high.total());
        assertEquals(List.of("d4", "d2"), high.items().stream().map(PredictionRecord::deployId).toList());
        assertEquals(List.of("d0"), predictions.find(
                new PredictionQuery("checkout", "prod", "HIGH", null, null, T0, T0.plusSeconds(300)),
                new PageRequest(2, 2)).items().stream().map(PredictionRecord::deployId).toList());
        assertEquals(1, predictions.find(new PredictionQuery(null, null, null, null, null, T0.plusSeconds(240), null),
                new PageRequest(10, 0)).total(), "from is inclusive");
        assertEquals(0, predictions.find(new PredictionQuery(null, null, null, "unavailable", null, null, null),
                new PageRequest(10, 0)).total());
        assertEquals(7, predictions.find(new PredictionQuery(null, null, null, null, null, null, null),
                new PageRequest(10, 0)).total());
        assertEquals(List.of("checkout"), predictions.predictedServices(), "only services with predicted deploys");
    }

    @Test
    void modelsAreVersionedAndTheNewestIsInUse() {
        String big = "x".repeat(200_000); // serialised tree ensembles are large
        models.save(new ModelRecord("checkout-lr-1", "checkout", "logistic-regression", T0, 120, "first", "{}"));
        models.save(new ModelRecord("checkout-gbt-2", "checkout", "gradient-tree-boost", T0.plusSeconds(3600), 150,
                "second", big));
        models.save(new ModelRecord("checkout-lr-1", "checkout", "logistic-regression", T0, 120, "again", "{}"));
        assertEquals("checkout-gbt-2", models.latest("checkout").orElseThrow().version());
        assertEquals(big, models.latest("checkout").orElseThrow().artefact());
        assertEquals(List.of("checkout-gbt-2", "checkout-lr-1"),
                models.versions("checkout").stream().map(ModelRecord::version).toList());
        assertTrue(models.latest("cart").isEmpty());
    }

    @Test
    void anOkPredictionWithoutProbabilityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PredictionRecord("x", null, PredictionRecord.Source.REQUEST, "s", "e", null,
                null, null, null, "c", null, PredictionRecord.Status.OK, null, null, null, null, null, null, null, null, T0));
    }
}
