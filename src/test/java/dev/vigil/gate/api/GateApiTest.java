package dev.vigil.gate.api;

import static dev.vigil.gate.api.GateFixtures.ERRORS;
import static dev.vigil.gate.api.GateFixtures.LATENCY;
import static dev.vigil.gate.api.GateFixtures.canaryBlock;
import static dev.vigil.gate.api.GateFixtures.ingest;
import static dev.vigil.gate.api.GateFixtures.request;
import static dev.vigil.gate.api.GateFixtures.series;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gate end to end: real HTTP ingest, Kafka, H2, policies from src/test/resources/gate-policies. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class GateApiTest {

    static ApiTokens tokens;
    static final ObjectMapper JSON = new ObjectMapper();
    String service;

    @BeforeEach
    void setUp() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
        service = "gate-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private RequestSpecification as(As role) {
        return given().auth().oauth2(tokens.get(role)).contentType(ContentType.JSON);
    }

    @Test
    void aDecisionIsStoredFoundAgainPublishedAndCounted() throws Exception {
        ingest(tokens, service, series(service, ERRORS, Map.of(), 20, 0.002, 0.001, 1), 1);
        try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer("vigil.decisions")) {
            String id = as(As.GATE).body(request("ci-" + service, service, "ci", ""))
                    .post("/api/v1/gates/evaluate").then().statusCode(200)
                    .body("status", equalTo("DONE")).body("verdict", equalTo("PASS")).body("score", equalTo(100.0f))
                    .body("policy.name", equalTo("ci")).body("policy.version", startsWith("sha256:"))
                    .body("checks", hasSize(1)).body("checks[0].name", equalTo("error-ratio"))
                    .body("checks[0].status", equalTo("PASS")).body("checks[0].threshold", notNullValue())
                    .body("inputs.service", equalTo(service)).body("inputs.requestId", equalTo("ci-" + service))
                    .body("inputs.canary", nullValue())
                    .body("createdAt", notNullValue()).body("decidedAt", notNullValue())
                    .extract().path("id");
            as(As.GATE).get("/api/v1/gates/evaluations/" + id).then().statusCode(200)
                    .body("url", endsWith("/api/v1/gates/evaluations/" + id)).body("verdict", equalTo("PASS"));
            as(As.VIEWER).queryParam("service", service).get("/api/v1/decisions").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].id", equalTo(id)).body("items[0].verdict", equalTo("PASS"));
            as(As.VIEWER).queryParam("service", service).queryParam("verdict", "FAIL").get("/api/v1/decisions")
                    .then().statusCode(200).body("total", equalTo(0));
            as(As.VIEWER).get("/api/v1/decisions/" + id).then().statusCode(200).body("inputs.environment", equalTo("ci"));
            as(As.VIEWER).get("/api/v1/decisions/nope").then().statusCode(404);
            as(As.VIEWER).queryParam("verdict", "MAYBE").get("/api/v1/decisions").then().statusCode(400)
                    .body("errors[0].field", equalTo("verdict"));

            List<JsonNode> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<byte[], byte[]> r : TestKafka.poll(consumer)) {
                    JsonNode n = JSON.readTree(r.value());
                    if (id.equals(n.path("id").asText())) {
                        assertEquals(service, new String(r.key(), StandardCharsets.UTF_8));
                        published.add(n);
                    }
                }
                assertEquals(1, published.size());
            });
            assertEquals("PASS", published.get(0).get("verdict").asText());
            assertEquals("error-ratio", published.get(0).at("/checks/0/name").asText());
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("vigil_gate_decisions_total{")
                && l.contains("service=\"" + service + "\"") && l.contains("environment=\"ci\"")
                && l.contains("verdict=\"PASS\"") && l.endsWith(" 1.0")), metrics);
    }

    @Test
    void decisionsWithoutARequestIdAreFoundListedAndPublishedRightAfterTheAnswer() throws Exception {
        // stored off the request thread: every read right after the answer must still see them
        ingest(tokens, service, series(service, ERRORS, Map.of(), 20, 0.002, 0.001, 1), 1);
        try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer("vigil.decisions")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String id = as(As.GATE).body(request(null, service, "ci", "")).post("/api/v1/gates/evaluate").then()
                        .statusCode(200).body("verdict", equalTo("PASS")).extract().path("id");
                as(As.GATE).get("/api/v1/gates/evaluations/" + id).then().statusCode(200).body("id", equalTo(id))
                        .body("verdict", equalTo("PASS"));
                as(As.VIEWER).get("/api/v1/decisions/" + id).then().statusCode(200).body("verdict", equalTo("PASS"));
                ids.add(id);
            }
            as(As.VIEWER).queryParam("service", service).get("/api/v1/decisions").then().statusCode(200)
                    .body("total", equalTo(5));
            Set<String> published = new HashSet<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<byte[], byte[]> r : TestKafka.poll(consumer)) {
                    String id = JSON.readTree(r.value()).path("id").asText();
                    if (ids.contains(id)) {
                        published.add(id);
                    }
                }
                assertEquals(Set.copyOf(ids), published);
            });
        }
    }

    @Test
    void theSameRequestIdAnswersTheSameEvaluationAndADifferentBodyIsAConflict() {
        ingest(tokens, service, series(service, ERRORS, Map.of(), 20, 0.5, 0.01, 2), 1);
        String body = request("idem-" + service, service, "ci", "");
        String first = as(As.GATE).body(body).post("/api/v1/gates/evaluate").then().statusCode(200)
                .body("verdict", equalTo("FAIL")).extract().path("id");
        as(As.GATE).body(body).post("/api/v1/gates/evaluate").then().statusCode(200).body("id", equalTo(first));
        as(As.GATE).body(request("idem-" + service, service, "ci", ",\"previousCommit\":\"abc\""))
                .post("/api/v1/gates/evaluate").then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("idem-" + service));
        as(As.VIEWER).queryParam("service", service).get("/api/v1/decisions").then().body("total", equalTo(1));
    }

    @Test
    void theRequestsHostHeaderNeverEndsUpInTheStoredDecisionLink() {
        ingest(tokens, service, series(service, ERRORS, Map.of(), 20, 0.5, 0.01, 2), 1);
        Response answer = as(As.GATE).header("Host", "evil.example:666").body(request(null, service, "ci", ""))
                .post("/api/v1/gates/evaluate");
        String url = answer.then().statusCode(200).extract().path("url");
        org.junit.jupiter.api.Assertions.assertFalse(url.contains("evil.example"), url);
        String pageUrl = answer.path("pageUrl");
        org.junit.jupiter.api.Assertions.assertFalse(pageUrl.contains("evil.example"), pageUrl);
        String id = url.substring(url.lastIndexOf('/') + 1);
        as(As.VIEWER).get("/api/v1/gates/evaluations/" + id).then().statusCode(200)
                .body("url", org.hamcrest.Matchers.not(containsString("evil.example")));
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        as(As.GATE).body(request(null, service, "ci", ",\"bogus\":1")).post("/api/v1/gates/evaluate")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("bogus")).body("errors[0].reason", equalTo("unknown_field"));
        as(As.GATE).body("{\"environment\":\"ci\",\"version\":\"1\",\"commit\":\"c\"}").post("/api/v1/gates/evaluate")
                .then().statusCode(400).body("errors[0].field", equalTo("service"))
                .body("errors[0].reason", equalTo("missing_field"));
        as(As.GATE).body(request(null, service, "ci", canaryBlock("PT3H"))).post("/api/v1/gates/evaluate")
                .then().statusCode(400).body("errors[0].field", equalTo("canary.waitFor"))
                .body("detail", containsString("PT2H"));
        as(As.GATE).body(request(null, service, "ci", ",\"canary\":{\"label\":\"track\",\"baseline\":\"a\",\"canary\":\"a\"}"))
                .post("/api/v1/gates/evaluate").then().statusCode(400).body("errors[0].field", equalTo("canary.baseline"));
        as(As.GATE).body(request("bad id!", service, "ci", "")).post("/api/v1/gates/evaluate")
                .then().statusCode(400).body("errors[0].field", equalTo("requestId"));
        as(As.GATE).body(request(null, service, "ci", ",\"deployedAt\":\"yesterday\"")).post("/api/v1/gates/evaluate")
                .then().statusCode(400).body("errors[0].field", equalTo("deployedAt"));
        as(As.GATE).body("{\"service\":").post("/api/v1/gates/evaluate")
                .then().statusCode(400).body("detail", startsWith("the body is not valid JSON"));
    }

    @Test
    void onlyGateTokensMayEvaluate() {
        as(As.VIEWER).body(request(null, service, "ci", "")).post("/api/v1/gates/evaluate").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        as(As.INGEST).body(request(null, service, "ci", "")).post("/api/v1/gates/evaluate").then().statusCode(403);
        given().contentType(ContentType.JSON).body(request(null, service, "ci", "")).post("/api/v1/gates/evaluate")
                .then().statusCode(401);
        as(As.ADMIN).body(request(null, service, "ci", "")).post("/api/v1/gates/evaluate").then().statusCode(200);
        as(As.INGEST).get("/api/v1/decisions").then().statusCode(403);
    }

    @Test
    void requestsNoPolicyCanJudgeAre422() {
        as(As.GATE).body(request(null, service, "nowhere", "")).post("/api/v1/gates/evaluate").then().statusCode(422)
                .body("detail", notNullValue());
        as(As.GATE).body(request(null, service, "ci", ",\"policy\":\"no-such-policy\"")).post("/api/v1/gates/evaluate")
                .then().statusCode(422).body("detail", containsString("no-such-policy"));
        as(As.GATE).body(request(null, service, "ci", ",\"policy\":\"canary\"")).post("/api/v1/gates/evaluate")
                .then().statusCode(422);
        as(As.GATE).body(request(null, service, "prod", ",\"canary\":{\"label\":\"track\",\"baseline\":\"b\","
                        + "\"canary\":\"c\",\"metrics\":[\"not_in_policy\"]}"))
                .post("/api/v1/gates/evaluate").then().statusCode(422).body("detail", containsString("not_in_policy"));
    }

    @Test
    void noDataIsInconclusiveAndAnAnomaliesCheckCountsTheStoredAnomalies() {
        as(As.GATE).body(request(null, service, "ci", "")).post("/api/v1/gates/evaluate").then().statusCode(200)
                .body("verdict", equalTo("INCONCLUSIVE")).body("checks[0].status", equalTo("INCONCLUSIVE"))
                .body("score", nullValue());
        ingest(tokens, service, series(service, ERRORS, Map.of(), 10, 0.001, 0.0, 3), 1);
        as(As.GATE).body(request(null, service, "ci", ",\"policy\":\"with-anomalies\"")).post("/api/v1/gates/evaluate")
                .then().statusCode(200).body("verdict", equalTo("PASS"))
                .body("checks[0].status", equalTo("PASS"))
                .body("checks[1].status", equalTo("PASS"));
    }

    @Test
    void textPlainIsTheDocumentedTextFormat() {
        ingest(tokens, service, series(service, ERRORS, Map.of(), 10, 0.5, 0.0, 4), 1);
        String text = as(As.GATE).accept("text/plain").body(request(null, service, "ci", ""))
                .post("/api/v1/gates/evaluate").then().statusCode(200).contentType(startsWith("text/plain"))
                .extract().asString();
        List<String> lines = text.lines().toList();
        assertEquals("verdict: FAIL", lines.get(0));
        List<String> keys = lines.subList(0, 14).stream().map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertEquals(List.of("verdict", "id", "status", "score", "policy", "service", "environment", "version", "commit",
                "created-at", "decided-at", "url", "page", "reason"), keys);
        assertTrue(lines.contains("check: error-ratio FAIL (slo)"), text);
        String id = lines.get(1).substring("id: ".length());
        given().auth().oauth2(tokens.get(As.GATE)).accept("text/plain").get("/api/v1/gates/evaluations/" + id)
                .then().statusCode(200).body(startsWith("verdict: FAIL\nid: " + id + "\n"));
    }

    @Test
    void aHealthyCanaryPassesAndASlowerOneFailsWithItsReasons() {
        String good = service + "-good";
        String bad = service + "-bad";
        List<String> items = new ArrayList<>();
        items.addAll(series(good, LATENCY, Map.of("track", "baseline", "environment", "prod"), 30, 0.10, 0.01, 10));
        items.addAll(series(good, LATENCY, Map.of("track", "canary", "environment", "prod"), 30, 0.10, 0.01, 11));
        items.addAll(series(good, LATENCY, Map.of("track", "canary", "environment", "staging"), 30, 9.0, 0.01, 12));
        ingest(tokens, good, items, 3);
        items.clear();
        items.addAll(series(bad, LATENCY, Map.of("track", "baseline", "environment", "prod"), 30, 0.10, 0.01, 20));
        items.addAll(series(bad, LATENCY, Map.of("track", "canary", "environment", "prod"), 30, 0.20, 0.02, 21));
        ingest(tokens, bad, items, 2);

        as(As.GATE).body(request(null, good, "prod", canaryBlock(null))).post("/api/v1/gates/evaluate")
                .then().statusCode(200).body("verdict", equalTo("PASS")).body("checks[0].status", equalTo("PASS"))
                .body("checks[0].observed", equalTo(100.0f));
        Response failed = as(As.GATE).body(request(null, bad, "prod", canaryBlock(null))).post("/api/v1/gates/evaluate");
        failed.then().statusCode(200).body("verdict", equalTo("FAIL"))
                .body("reason", containsString("canary"))
                .body("checks[0].status", equalTo("FAIL"))
                .body("checks[0].explanation", containsString(LATENCY))
                .body("checks[0].details", hasItem(startsWith(LATENCY + ": high")));
    }

    @Test
    void anEvaluationWaitingForCanaryDataIsPendingUntilTheDataArrives() {
        Response pending = as(As.GATE).body(request("wait-" + service, service, "prod", canaryBlock("PT2M")))
                .post("/api/v1/gates/evaluate");
        pending.then().statusCode(202).body("status", equalTo("PENDING")).body("verdict", nullValue())
                .body("checks", hasSize(0)).header("Location", endsWith("/api/v1/gates/evaluations/" + pending.path("id")));
        String id = pending.path("id");
        given().auth().oauth2(tokens.get(As.GATE)).accept("text/plain").get("/api/v1/gates/evaluations/" + id)
                .then().statusCode(200).body(startsWith("verdict: PENDING\n"));
        // a retry of the same request while it waits answers the same PENDING evaluation
        as(As.GATE).body(request("wait-" + service, service, "prod", canaryBlock("PT2M"))).post("/api/v1/gates/evaluate")
                .then().statusCode(202).body("id", equalTo(id));
        List<String> items = new ArrayList<>();
        items.addAll(series(service, LATENCY, Map.of("track", "baseline"), 30, 0.10, 0.01, 30));
        items.addAll(series(service, LATENCY, Map.of("track", "canary"), 30, 0.30, 0.01, 31));
        ingest(tokens, service, items, 2);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(As.GATE).get("/api/v1/gates/evaluations/" + id)
                .then().statusCode(200).body("status", equalTo("DONE")).body("verdict", equalTo("FAIL")));
        as(As.VIEWER).queryParam("service", service).get("/api/v1/decisions").then().body("total", equalTo(1))
                .body("items[0].id", equalTo(id));
    }

    @Test
    void unknownEvaluationIs404() {
        as(As.GATE).get("/api/v1/gates/evaluations/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
