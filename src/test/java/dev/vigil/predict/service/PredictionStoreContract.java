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

    /** An ok prediction of release 1.0 at {@code commit} whose features carry a plain-word summary. */
    static PredictionRecord summarised(String service, String deployId, String commit, Instant at) {
        ArrayNode explanations = JSON.createArrayNode();
        explanations.addObject().put("feature", "la").put("sentence", "la = 300 raises the risk")
                .put("reason", "adds 300 lines and deletes 2 (raises the risk)");
        explanations.addObject().put("feature", "ld").put("sentence", "ld = 2 raises the risk")
                .put("reason", "adds 300 lines and deletes 2 (raises the risk)");
        explanations.addObject().put("feature", "fix").put("sentence", "fix = 0 (is a bug fix) raises the risk");
        explanations.addObject().put("feature", "ndev").put("reason", "touches files that 3 developers have worked on"
                + " (lowers the risk)");
        explanations.addObject().put("feature", "age").put("reason", "touches files last changed 4 days ago on average"
                + " (raises the risk)");
        return PredictionRecord.builder().id(UUID.randomUUID().toString()).deployId(deployId)
                .source(deployId == null ? PredictionRecord.Source.REQUEST : PredictionRecord.Source.DEPLOY)
                .service(service).environment("prod").version("1.0").commit(commit)
                .status(PredictionRecord.Status.OK).probability(0.3).riskLevel(RiskLevel.MEDIUM).modelVersion("m")
                .explanations(explanations)
                .features(JSON.createObjectNode().put(FeatureCodec.SUMMARY, "touches 3 files in 1 directory"))
                .createdAt(at).build();
    }

    @Test
    void theNewestOkPredictionOfEachDeployAndOfAReleaseCarryTheirChangeInPlainWords() {
        PredictionRecord older = summarised("cart", "d1", "abcdef0123", T0);
        PredictionRecord newer = summarised("cart", "d1", "abcdef0123", T0.plusSeconds(60));
        PredictionRecord other = summarised("cart", "d2", "0123abcdef", T0);
        PredictionRecord requested = summarised("cart", null, "fedcba9876", T0.plusSeconds(120));
        List.of(older, newer, other, requested).forEach(predictions::insert);
        predictions.insert(new PredictionRecord(UUID.randomUUID().toString(), "d1", PredictionRecord.Source.DEPLOY,
                "cart", "prod", "1.0", null, null, null, "abcdef0123", null, PredictionRecord.Status.UNAVAILABLE,
                "error: later but unavailable", null, null, null, null, null, null, null, T0.plusSeconds(600)));

        var byDeploy = predictions.latestOkByDeploys(List.of("d1", "d2", "d3", "d1"));
        assertEquals(List.of("d1", "d2"), byDeploy.keySet().stream().sorted().toList());
        assertEquals(newer.id(), byDeploy.get("d1").id());
        assertEquals(other.id(), byDeploy.get("d2").id());
        assertTrue(predictions.latestOkByDeploys(List.of()).isEmpty());

        // what a gate answer reads of a deploy: its newest ok prediction of the commit, never an unavailable one
        assertEquals(newer.id(), predictions.latestOkOfDeploy("d1", "abcdef", 10).orElseThrow().id());
        assertEquals(newer.id(), predictions.latestOkOfDeploy("d1", "abcdef0123456789", 10).orElseThrow().id());
        assertTrue(predictions.latestOkOfDeploy("d1", "0123abcdef", 10).isEmpty(), "another commit");
        assertTrue(predictions.latestOkOfDeploy("d1", "", 10).isEmpty());
        assertTrue(predictions.latestOkOfDeploy("d3", "abcdef", 10).isEmpty());

        assertEquals(requested.id(), predictions.latestOkOfRelease("cart", "prod", "1.0", "fedcba", 10)
                .orElseThrow().id());
        assertEquals(newer.id(), predictions.latestOkOfRelease("cart", "prod", "1.0", "abcdef0123456789", 10)
                .orElseThrow().id());
        assertTrue(predictions.latestOkOfRelease("cart", "prod", "1.0", "", 10).isEmpty());
        assertTrue(predictions.latestOkOfRelease("cart", "prod", "2.0", "abcdef", 10).isEmpty());
        assertTrue(predictions.latestOkOfRelease("cart", "staging", "1.0", "abcdef", 10).isEmpty());

        var change = byDeploy.get("d1").changeSummary().orElseThrow();
        assertEquals(newer.id(), change.predictionId());
        assertEquals("touches 3 files in 1 directory", change.summary());
        assertEquals("MEDIUM", change.riskLevel());
        // distinct (la and ld say the same), a stored sentence where no plain reason was stored, at most three
        assertEquals(List.of("adds 300 lines and deletes 2 (raises the risk)", "fix = 0 (is a bug fix) raises the risk",
                "touches files that 3 developers have worked on (lowers the risk)"), change.reasons());
        assertTrue(ok("cart", "prod", RiskLevel.LOW, 0.1, T0, "d9").changeSummary().isEmpty(),
                "a prediction stored before summaries has none");
    }
}
