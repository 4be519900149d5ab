package dev.vigil.gate.api;

import static dev.vigil.gate.api.GateFixtures.ERRORS;
import static dev.vigil.gate.api.GateFixtures.ingest;
import static dev.vigil.gate.api.GateFixtures.request;
import static dev.vigil.gate.api.GateFixtures.series;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.predict.service.GitFixture;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 items 2, 4 and 5 through the API: policy validation with file, line and field; who asked and the policy
 * version on every decision; an admin's override (stored, audited, published, shown, answered again); risk bands
 * chosen by a stored prediction (test policies risk.yaml and risk-dry.yaml).
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class GateAuditApiTest {

    static ApiTokens tokens;
    String service;

    @BeforeEach
    void setUp() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
        service = "audit-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private RequestSpecification as(As role) {
        return given().auth().oauth2(tokens.get(role)).contentType(ContentType.JSON);
    }

    private RequestSpecification yaml(As role) {
        return given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", ContentType.TEXT)))
                .auth().oauth2(tokens.get(role)).contentType("application/yaml");
    }

    @Test
    void aValidPolicyIsAcceptedWithTheVersionItsDecisionsWouldName() {
        String text = """
                extends: ci
                match:
                  services: ["checkout"]
                  environments: ["ci"]
                riskAdaptive:
                  dryRun: true
                  bands:
                    - minRisk: 0.6
                      thresholds: {pass: 100, warn: 100}
                """;
        yaml(As.ADMIN).queryParam("name", "checkout-ci").body(text).post("/api/v1/policies/validate")
                .then().statusCode(200).body("valid", equalTo(true)).body("policy", equalTo("checkout-ci"))
                .body("version", startsWith("sha256:")).body("lineage", equalTo(List.of("checkout-ci", "ci")))
                .body("issues", equalTo(List.of()));
    }

    @Test
    void anInvalidPolicyListsEveryProblemWithFileLineColumnAndField() {
        String text = """
                match:
                  services: ["*"]
                  environments: ["x"]
                checks:
                  - name: errors
                    kind: slo
                    metric: http_server_error_ratio
                    window: PT1H
                    pass: 0.01
                    colour: red
                """;
        yaml(As.ADMIN).queryParam("name", "broken").body(text).post("/api/v1/policies/validate")
                .then().statusCode(200).body("valid", equalTo(false)).body("version", nullValue())
                .body("issues[0].file", equalTo("broken.yaml"))
                .body("issues[0].line", equalTo(10))
                .body("issues[0].field", equalTo("checks[0].colour"))
                .body("issues[0].kind", equalTo("UNKNOWN_FIELD"))
                .body("issues[0].message", startsWith("unknown field 'colour'"));
        String badBand = """
                extends: ci
                riskAdaptive:
                  bands:
                    - minRisk: 0.5
                      checks:
                        no-such-check: {pass: 0}
                """;
        yaml(As.ADMIN).queryParam("name", "banded").body(badBand).post("/api/v1/policies/validate")
                .then().statusCode(200).body("valid", equalTo(false))
                .body("issues[0].line", equalTo(2))
                .body("issues[0].field", equalTo("riskAdaptive"))
                .body("issues[0].message", containsString("names check 'no-such-check'"));
    }

    @Test
    void validationIsForAdminsAndItsInputIsBounded() {
        yaml(As.GATE).body("checks: []").post("/api/v1/policies/validate").then().statusCode(403);
        yaml(As.ADMIN).queryParam("name", "../etc").body("checks: []").post("/api/v1/policies/validate")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("name"));
        String huge = "description: " + "x".repeat(2 * 1024 * 1024) + "\n";
        yaml(As.ADMIN).body(huge).post("/api/v1/policies/validate").then().statusCode(413);
    }

    @Test
    void aFailIsOverriddenOnceWithAReasonStoredAuditedPublishedShownAndAnsweredAgain() {
        ingest(tokens, service, series(service, ERRORS, Map.of(), 10, 0.05, 0.0, 43), 1);
        KafkaConsumer<byte[], byte[]> decisions = TestKafka.consumer("vigil.decisions");
        Response asked = as(As.GATE).body(request(null, service, "ci", "")).post("/api/v1/gates/evaluate");
        asked.then().statusCode(200).body("verdict", equalTo("FAIL")).body("requestedBy", equalTo("test-gate"))
                .body("policy.version", startsWith("sha256:")).body("override", nullValue());
        String id = asked.path("id");

        as(As.GATE).body("{\"reason\":\"hotfix\"}").post("/api/v1/decisions/" + id + "/override").then().statusCode(403);
        as(As.ADMIN).body("{}").post("/api/v1/decisions/" + id + "/override").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("reason"));
        as(As.ADMIN).body("{\"reason\":\"" + "x".repeat(501) + "\"}").post("/api/v1/decisions/" + id + "/override")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        as(As.ADMIN).body("{\"reason\":\"ok\",\"verdict\":\"FAIL\"}").post("/api/v1/decisions/" + id + "/override")
                .then().statusCode(400).body("errors[0].field", equalTo("verdict"));
        as(As.ADMIN).body("{\"reason\":\"x\"}").post("/api/v1/decisions/no-such-decision/override").then().statusCode(404);

        String reason = "error ratio from the load test, not users (INC-42)";
        as(As.ADMIN).body("{\"reason\":\"" + reason + "\"}").post("/api/v1/decisions/" + id + "/override")
                .then().statusCode(200).body("verdict", equalTo("PASS")).body("override.judged", equalTo("FAIL"))
                .body("override.verdict", equalTo("PASS")).body("override.reason", equalTo(reason))
                .body("override.by", equalTo("configured-admin")).body("reason", startsWith("score 0.0"));
        as(As.ADMIN).body("{\"reason\":\"again\"}").post("/api/v1/decisions/" + id + "/override").then().statusCode(409)
                .body("detail", containsString("already overridden"));

        as(As.VIEWER).get("/api/v1/decisions/" + id).then().statusCode(200).body("verdict", equalTo("PASS"))
                .body("override.reason", equalTo(reason)).body("requestedBy", equalTo("test-gate"));
        String text = as(As.GATE).accept("text/plain").get("/api/v1/gates/evaluations/" + id)
                .then().statusCode(200).extract().asString();
        assertTrue(text.startsWith("verdict: PASS\n"), text);
        assertTrue(text.contains("\nrequested-by: test-gate\n"), text);
        assertTrue(text.contains("\noverride: FAIL overridden to PASS by configured-admin at "), text);
        assertTrue(text.contains(": " + reason + "\n"), text);

        // the pipeline asks again for the same release: the override stands, with its reason
        as(As.GATE).body(request(null, service, "ci", "")).post("/api/v1/gates/evaluate").then().statusCode(200)
                .body("id", equalTo(id)).body("verdict", equalTo("PASS")).body("override.reason", equalTo(reason));
        // another release of the service is judged afresh
        as(As.GATE).body(request(null, service, "ci", "").replace("1.5.0", "1.5.1")).post("/api/v1/gates/evaluate")
                .then().statusCode(200).body("verdict", equalTo("FAIL")).body("override", nullValue());

        as(As.ADMIN).get("/api/v1/audit").then().statusCode(200)
                .body("items.findAll { it.action == 'gate.override' }.detail",
                        hasItem("evaluation " + id + " version 1.5.0 FAIL -> PASS: " + reason));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String published = overridePublished(decisions, id);
            assertTrue(published != null && published.contains("\"override\":{\"verdict\":\"PASS\",\"judged\":\"FAIL\""),
                    String.valueOf(published));
        });
        decisions.close();
    }

    /** The last message about the evaluation that carries an override, or null. */
    private static String overridePublished(KafkaConsumer<byte[], byte[]> consumer, String id) {
        String found = null;
        for (var r : TestKafka.poll(consumer)) {
            String json = new String(r.value(), StandardCharsets.UTF_8);
            if (json.contains("\"id\":\"" + id + "\"") && !json.contains("\"override\":null")) {
                found = json;
            }
        }
        return found;
    }

    @Test
    void onlyAFailOrInconclusiveDecisionCanBeOverridden() {
        ingest(tokens, service, series(service, ERRORS, Map.of(), 10, 0.001, 0.0, 44), 1);
        String id = as(As.GATE).body(request(null, service, "ci", "")).post("/api/v1/gates/evaluate")
                .then().statusCode(200).body("verdict", equalTo("PASS")).extract().path("id");
        as(As.ADMIN).body("{\"reason\":\"why not\"}").post("/api/v1/decisions/" + id + "/override")
                .then().statusCode(409).body("detail", containsString("only a FAIL or INCONCLUSIVE decision"));
    }

    @Test
    void aStoredPredictionChoosesTheRiskBandEnforcedOrInDryRunAndNoPredictionKeepsThePolicysLimits() throws Exception {
        GitFixture repo = GitFixture.create();
        String commit = repo.c(3);
        TestKafka.produce("vigil.deploys", List.of(deploy("risk", commit, repo), deploy("risk-dry", commit, repo)));
        ingest(tokens, service, series(service, ERRORS, Map.of(), 10, 0.005, 0.0, 45), 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(As.VIEWER).queryParam("service", service)
                .queryParam("status", "ok").get("/api/v1/predictions").then().statusCode(200).body("total", equalTo(2)));
        float p = as(As.VIEWER).queryParam("service", service).queryParam("environment", "risk")
                .get("/api/v1/predictions").then().extract().path("items[0].probability");
        String band = String.format(Locale.ROOT, "risk %.2f >= 0.00: predicted limits", p);

        Response enforced = as(As.GATE).body(gate("risk", commit)).post("/api/v1/gates/evaluate");
        enforced.then().statusCode(200).body("verdict", equalTo("FAIL"))
                .body("reason", startsWith(band + "; "))
                .body("checks[0].threshold", equalTo("pass <= 0.001, warn <= 0.001"))
                .body("risk.band", equalTo("predicted")).body("risk.dryRun", equalTo(false))
                .body("risk.summary", equalTo(band));
        assertEquals(p, ((Number) enforced.path("risk.risk")).floatValue(), 1e-6);

        as(As.GATE).body(gate("risk-dry", commit)).post("/api/v1/gates/evaluate").then().statusCode(200)
                .body("verdict", equalTo("PASS"))
                .body("reason", equalTo("score 100.0 meets the pass limit 100; in dry run, not enforced: " + band))
                .body("checks[0].threshold", equalTo("pass <= 0.01, warn <= 0.01"))
                .body("dryRun.verdict", equalTo("FAIL"))
                .body("dryRun.reason", startsWith(band + " (dry run); "))
                .body("risk.dryRun", equalTo(true));

        // no deploy, so no prediction, for another version: the policy's own limits
        as(As.GATE).body(gate("risk", commit).replace("\"2.0.0\"", "\"2.0.1\"")).post("/api/v1/gates/evaluate")
                .then().statusCode(200).body("verdict", equalTo("PASS"))
                .body("risk.summary", equalTo("no failure prediction for this deploy: the policy's own limits"))
                .body("risk.band", nullValue()).body("dryRun", nullValue());
        String text = as(As.GATE).accept("text/plain").body(gate("risk", commit)).post("/api/v1/gates/evaluate")
                .then().statusCode(200).extract().asString();
        assertTrue(text.contains("\nrisk: " + band + "\n"), text);
    }

    @Test
    void theOpenApiDocumentDescribesTheNewEndpointsWithTypedBodiesAndTheirStatusCodes() {
        String override = "paths['/api/v1/decisions/{id}/override'].post";
        String validate = "paths['/api/v1/policies/validate'].post";
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(override + ".requestBody.content['application/json'].schema['$ref']",
                        equalTo("#/components/schemas/OverrideRequest"))
                .body(override + ".responses['200'].content['application/json'].schema['$ref']",
                        equalTo("#/components/schemas/EvaluationView"))
                .body(override + ".responses.keySet()", hasItems("200", "400", "401", "403", "404", "409"))
                .body("components.schemas.OverrideRequest.properties.keySet()", equalTo(java.util.Set.of("reason", "verdict")))
                .body("components.schemas.EvaluationView.properties.keySet()", hasItem("override"))
                .body(validate + ".requestBody.content['application/yaml'].schema.type", equalTo("string"))
                .body(validate + ".responses['200'].content['application/json'].schema['$ref']",
                        equalTo("#/components/schemas/PolicyValidation"))
                .body(validate + ".responses.keySet()", hasItems("200", "400", "401", "403", "413"));
    }

    private String deploy(String environment, String commit, GitFixture repo) {
        return "{\"service\":\"" + service + "\",\"environment\":\"" + environment + "\",\"version\":\"2.0.0\","
                + "\"commit\":\"" + commit + "\",\"previousCommit\":\"" + repo.c(1) + "\",\"repository\":\""
                + repo.dir + "\",\"status\":\"started\",\"startedAt\":\"2026-11-25T07:00:00Z\"}";
    }

    private String gate(String environment, String commit) {
        return "{\"service\":\"" + service + "\",\"environment\":\"" + environment + "\",\"version\":\"2.0.0\","
                + "\"commit\":\"" + commit + "\"}";
    }
}
