package dev.vigil.predict.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 4, end to end: a deploy of a real repository is predicted; the gate's answer for that release (JSON,
 * text and the CLI) and the anomaly attributed to the deploy (API and {@code vigil.anomalies}) carry the same change
 * summary and top reasons in plain words as the prediction.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class ChangeSummaryFlowTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long T0 = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
    static ApiTokens tokens;
    static GitFixture repo;

    @TempDir
    Path dir;

    @BeforeAll
    static void repository() throws Exception {
        repo = GitFixture.create();
    }

    @BeforeEach
    void tokens() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
    }

    static RequestSpecification as(ApiTokens.As role) {
        return given().auth().oauth2(tokens.get(role));
    }

    /** One point a minute from T0 on a wave with seeded noise; +300 at 05:00 (index 300), the last point. */
    static List<String> metricsSpikingAtFive(String service) {
        Random noise = new Random(11);
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= 300; i++) {
            double v = 100 + 10 * Math.sin(2 * Math.PI * i / 60.0) + noise.nextGaussian() + (i == 300 ? 300 : 0);
            out.add("{\"service\":\"" + service + "\",\"name\":\"widget_level\",\"labels\":{\"pod\":\"p1\"},"
                    + "\"timestamp\":" + (T0 + i * 60_000L) + ",\"value\":" + v + "}");
        }
        return out;
    }

    static String gateRequest(String service, String version, String commit) {
        return "{\"service\":\"" + service + "\",\"environment\":\"ci\",\"version\":\"" + version + "\",\"commit\":\""
                + commit + "\"}";
    }

    @Test
    void theGateAndTheAnomalyAttributedToTheDeployShowItsChangeInPlainWords() throws Exception {
        String service = "chg-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer("vigil.anomalies")) {
            TestKafka.produce("vigil.deploys", List.of("{\"service\":\"" + service + "\",\"environment\":\"ci\","
                    + "\"version\":\"7.0.0\",\"commit\":\"" + repo.c(3) + "\",\"previousCommit\":\"" + repo.c(1)
                    + "\",\"repository\":\"" + repo.dir + "\",\"status\":\"succeeded\","
                    + "\"startedAt\":\"2026-11-25T04:55:00Z\",\"finishedAt\":\"2026-11-25T04:57:00Z\"}"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(ApiTokens.As.VIEWER)
                    .queryParam("service", service).get("/api/v1/predictions")
                    .then().statusCode(200).body("items[0].status", equalTo("ok")));
            var prediction = as(ApiTokens.As.VIEWER).queryParam("service", service).get("/api/v1/predictions")
                    .then().extract().jsonPath();
            String id = prediction.getString("items[0].id");
            String summary = prediction.getString("items[0].features.summary");
            String reason = prediction.getString("items[0].explanations[0].reason");
            String level = prediction.getString("items[0].riskLevel");
            assertThat(summary, startsWith("touches 2 files in "));

            // the gate's answers for the release, the commit given abbreviated as pipelines do
            String text = as(ApiTokens.As.GATE).accept("text/plain").contentType(ContentType.JSON)
                    .body(gateRequest(service, "7.0.0", repo.c(3).substring(0, 10)))
                    .post("/api/v1/gates/evaluate").then().statusCode(200).extract().asString();
            assertThat(text, allOf(startsWith("verdict: "),
                    containsString("\n\nchange: " + level + " "),
                    containsString(" (prediction " + id + ")\n  " + summary + "\n  - " + reason + "\n")));
            String evaluation = text.lines().filter(l -> l.startsWith("id: ")).findFirst().orElseThrow().substring(4);
            as(ApiTokens.As.VIEWER).get("/api/v1/gates/evaluations/" + evaluation).then().statusCode(200)
                    .body("change.predictionId", equalTo(id))
                    .body("change.summary", equalTo(summary))
                    .body("change.reasons[0]", equalTo(reason))
                    .body("change.reasons.size()", org.hamcrest.Matchers.lessThanOrEqualTo(3))
                    .body("change.riskLevel", equalTo(level));

            Path cli = dir.resolve("vigil-gate");
            Files.write(cli, given().get("/cli/vigil-gate").then().statusCode(200).extract().asByteArray());
            ProcessBuilder pb = new ProcessBuilder("sh", cli.toString(), "--service", service, "--environment", "ci",
                    "--version", "7.0.0", "--commit", repo.c(3));
            pb.environment().put("VIGIL_URL", "http://localhost:" + RestAssured.port);
            pb.environment().put("VIGIL_TOKEN", tokens.get(ApiTokens.As.GATE));
            pb.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
            Process p = pb.start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI finished");
            String out = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
            assertThat(out, allOf(containsString("\nchange: " + level + " "), containsString("\n  " + summary + "\n"),
                    containsString("\n  - " + reason + "\n")));

            // the anomaly five minutes after the deploy names it, with the same change
            TestKafka.produce("vigil.metrics", metricsSpikingAtFive(service));
            String anomalyId = await().atMost(Duration.ofSeconds(180)).until(() -> as(ApiTokens.As.VIEWER)
                    .queryParam("service", service).get("/api/v1/anomalies").then().statusCode(200)
                    .extract().<String>path("items[0].id"), v -> v != null);
            as(ApiTokens.As.VIEWER).get("/api/v1/anomalies/" + anomalyId).then().statusCode(200)
                    .body("probableCause.version", equalTo("7.0.0"))
                    .body("probableCause.change.predictionId", equalTo(id))
                    .body("probableCause.change.summary", equalTo(summary))
                    .body("probableCause.change.reasons[0]", equalTo(reason))
                    .body("probableCause.change.reasons[0]", matchesPattern(".+ \\((raises|lowers) the risk\\)"));
            as(ApiTokens.As.VIEWER).queryParam("service", service).get("/api/v1/anomalies").then().statusCode(200)
                    .body("items[0].probableCause.change.summary", equalTo(summary));

            AtomicReference<JsonNode> opened = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : TestKafka.poll(consumer)) {
                    JsonNode n = JSON.readTree(r.value());
                    if (service.equals(n.path("service").asText()) && "opened".equals(n.path("type").asText())) {
                        opened.set(n);
                    }
                }
                return opened.get() != null;
            });
            assertEquals(summary, opened.get().path("probableCause").path("change").path("summary").asText(),
                    opened.get()::toString);
        }
    }

    @Test
    void aFailureProbabilityCheckPredictsTheReleaseAndTheAnswerShowsThatPredictionsChange() {
        String service = "chg-risk-" + UUID.randomUUID().toString().substring(0, 8);
        String text = as(ApiTokens.As.GATE).accept("text/plain").contentType(ContentType.JSON)
                .body("{\"service\":\"" + service + "\",\"environment\":\"failure-risk\",\"version\":\"2.0.0\",\"commit\":\""
                        + repo.c(3) + "\",\"previousCommit\":\"" + repo.c(0) + "\",\"repository\":\"" + repo.dir + "\"}")
                .post("/api/v1/gates/evaluate").then().statusCode(200).extract().asString();
        var prediction = as(ApiTokens.As.VIEWER).queryParam("service", service).get("/api/v1/predictions")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].source", equalTo("request"))
                .extract().jsonPath();
        assertThat(text, allOf(matchesPattern("(?s).*\ncheck: failure-risk (PASS|WARN|FAIL) \\(failure-probability\\)\n.*"),
                containsString("\n\nchange: " + prediction.getString("items[0].riskLevel") + " "),
                containsString(" (prediction " + prediction.getString("items[0].id") + ")\n  "
                        + prediction.getString("items[0].features.summary") + "\n  - "
                        + prediction.getString("items[0].explanations[0].reason") + "\n")));
    }

    @Test
    void aReleaseVigilNeverPredictedIsAnsweredWithoutAChange() {
        String service = "chg-none-" + UUID.randomUUID().toString().substring(0, 8);
        String text = as(ApiTokens.As.GATE).accept("text/plain").contentType(ContentType.JSON)
                .body(gateRequest(service, "1.0.0", "9f1c2ab4e")).post("/api/v1/gates/evaluate")
                .then().statusCode(200).extract().asString();
        assertThat(text, allOf(startsWith("verdict: "), not(containsString("change: "))));
        as(ApiTokens.As.GATE).contentType(ContentType.JSON).body(gateRequest(service, "1.0.1", "9f1c2ab4e"))
                .post("/api/v1/gates/evaluate").then().statusCode(200).body("change", nullValue());
    }
}
