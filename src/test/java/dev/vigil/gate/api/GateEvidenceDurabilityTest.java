package dev.vigil.gate.api;

import static dev.vigil.gate.api.GateFixtures.ERRORS;
import static dev.vigil.gate.api.GateFixtures.ingest;
import static dev.vigil.gate.api.GateFixtures.request;
import static dev.vigil.gate.api.GateFixtures.series;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.config.VigilConfig;
import dev.vigil.gate.CheckResult;
import dev.vigil.gate.GateDecision;
import dev.vigil.gate.GateEvaluator;
import dev.vigil.gate.GatePolicy;
import dev.vigil.gate.GateRequest;
import dev.vigil.gate.service.GateConfig;
import dev.vigil.gate.service.PolicyDirectory;
import dev.vigil.gate.service.RollupRepository;
import dev.vigil.gate.service.SampleRollups;
import dev.vigil.gate.service.StoredMetrics;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The gate's evidence from Vigil's own data lives in the database, not in one replica's memory: a replica that
 * starts now, with nothing in memory, answers as the running one did.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class GateEvidenceDurabilityTest {

    @Inject
    DataSource dataSource;
    @Inject
    SampleRollups inMemory;
    @Inject
    GateConfig gate;
    @Inject
    VigilConfig config;

    @Test
    void aReplicaStartedAfterTheSamplesGivesTheSameVerdictFromTheDatabase() throws Exception {
        ApiTokens tokens = ApiTokens.issue();
        String service = "durable-" + UUID.randomUUID().toString().substring(0, 8);
        ingest(tokens, service, series(service, ERRORS, Map.of(), 12, 0.015, 0.001, 51), 1);
        Response running = given().auth().oauth2(tokens.get(As.GATE)).contentType(ContentType.JSON)
                .body(request(null, service, "ci", "")).post("/api/v1/gates/evaluate");
        running.then().statusCode(200).body("verdict", equalTo("FAIL")).body("checks[0].status", equalTo("WARN"))
                .body("score", equalTo(50.0f));
        assertEquals(0, inMemory.size(), "every rollup is stored; the running replica holds none in memory");

        // a new replica: nothing in memory, its own repository over the same database, the same policy files
        StoredMetrics fromDatabase = new StoredMetrics(new RollupRepository(dataSource), gate.rollups().resolution(),
                config.gate().environmentLabel());
        GateEvaluator replica = new GateEvaluator((s, e, from, to) -> List.of(), fromDatabase,
                (s, e, v, before) -> Optional.empty(), Optional.empty());
        GatePolicy ci = PolicyDirectory.load(gate.policiesDir()).policies().named("ci").orElseThrow();
        GateRequest same = new GateRequest(null, service, "ci", "1.5.0", "9f1c2ab4e", null, null, null, null, null);
        GateDecision again = replica.evaluate(same, ci, Instant.now());

        assertEquals(running.path("verdict"), again.verdict().name());
        assertEquals(50.0, again.score());
        CheckResult check = again.checks().get(0);
        assertEquals(((Number) running.path("checks[0].observed")).doubleValue(), check.observed(), 1e-6); // JSON read as float
        assertEquals(running.path("checks[0].explanation"), check.explanation());
    }
}
