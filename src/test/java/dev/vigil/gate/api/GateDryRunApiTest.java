package dev.vigil.gate.api;

import static dev.vigil.gate.api.GateFixtures.ERRORS;
import static dev.vigil.gate.api.GateFixtures.ingest;
import static dev.vigil.gate.api.GateFixtures.request;
import static dev.vigil.gate.api.GateFixtures.series;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dry run through the API: policies dry-run.yaml (environment dry) and dry-run-check.yaml (dry-check). */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class GateDryRunApiTest {

    static ApiTokens tokens;
    String service;

    @BeforeEach
    void setUp() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
        service = "dry-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private RequestSpecification as(As role) {
        return given().auth().oauth2(tokens.get(role)).contentType(ContentType.JSON);
    }

    @Test
    void aDryRunPolicyAnswersPassWithItsWouldBeFailStoredShownAndCounted() {
        ingest(tokens, service, series(service, ERRORS, Map.of(), 10, 0.5, 0.01, 41), 1);
        double countedBefore = dryRunCount("dry-run", "FAIL", true);
        Response answer = as(As.GATE).body(request(null, service, "dry", "")).post("/api/v1/gates/evaluate");
        answer.then().statusCode(200).body("verdict", equalTo("PASS")).body("score", nullValue())
                .body("reason", equalTo("policy dry-run is in dry run and enforces nothing; it would have answered FAIL"))
                .body("dryRun.verdict", equalTo("FAIL"))
                .body("dryRun.reason", startsWith("score 0.0 is below the warn limit"))
                .body("checks[0].status", equalTo("FAIL"))
                .body("policy.version", startsWith("sha256:"));
        String id = answer.path("id");
        String version = answer.path("policy.version");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(As.VIEWER).get("/api/v1/decisions/" + id)
                .then().statusCode(200).body("verdict", equalTo("PASS")).body("dryRun.verdict", equalTo("FAIL"))
                .body("policy.version", equalTo(version)));
        String text = as(As.GATE).accept("text/plain").get("/api/v1/gates/evaluations/" + id)
                .then().statusCode(200).extract().asString();
        assertTrue(text.startsWith("verdict: PASS\n"), text);
        assertTrue(text.contains("\ndry-run: FAIL (not enforced): score 0.0 is below the warn limit"), text);
        await().atMost(Duration.ofSeconds(30)).until(() -> dryRunCount("dry-run", "FAIL", true) >= countedBefore + 1);
    }

    @Test
    void aDryRunCheckIsShownButLeftOutOfTheEnforcedVerdict() {
        ingest(tokens, service, series(service, ERRORS, Map.of(), 10, 0.002, 0.0005, 42), 1);
        as(As.GATE).body(request(null, service, "dry-check", "")).post("/api/v1/gates/evaluate")
                .then().statusCode(200).body("verdict", equalTo("PASS"))
                .body("reason", equalTo("score 100.0 meets the pass limit 100; in dry run, not enforced: error-ratio-strict"))
                .body("checks[0].dryRun", equalTo(false))
                .body("checks[1].name", equalTo("error-ratio-strict"))
                .body("checks[1].dryRun", equalTo(true))
                .body("checks[1].status", equalTo("FAIL"))
                .body("dryRun.verdict", equalTo("FAIL"))
                .body("dryRun.reason", containsString("critical check failed: error-ratio-strict"));
    }

    /** vigil_gate_dry_run_decisions_total for the labels, 0 when not there yet. */
    private static double dryRunCount(String policy, String verdict, boolean changed) {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^vigil_gate_dry_run_decisions_total\\{([^}]*)} ([0-9.eE+-]+)$").matcher(scrape);
        double total = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("policy=\"" + policy + "\"") && labels.contains("verdict=\"" + verdict + "\"")
                    && labels.contains("changed=\"" + changed + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
