package dev.vigil.detect.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.SeriesKey;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path with no detection configuration: samples produced to vigil.metrics are scored, a spike opens
 * an anomaly visible in the API, on vigil.anomalies and at /q/metrics, and it closes once the series is normal.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class DetectionFlowTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long T0 = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
    static ApiTokens tokens;

    @BeforeEach
    void tokens() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
    }

    static List<String> points(String service, int from, int to, int spikeAt) {
        Random noise = new Random(7 + from);
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            double v = 100 + 10 * Math.sin(2 * Math.PI * i / 60.0) + noise.nextGaussian() + (i == spikeAt ? 300 : 0);
            out.add("{\"service\":\"" + service + "\",\"name\":\"widget_level\",\"labels\":{\"pod\":\"p1\"},"
                    + "\"timestamp\":" + (T0 + i * 60_000L) + ",\"value\":" + v + "}");
        }
        return out;
    }

    String viewer() {
        return tokens.get(ApiTokens.As.VIEWER);
    }

    @Test
    void aSpikeOpensAnAnomalyEverywhereAndItClosesWhenTheSeriesIsNormalAgain() throws Exception {
        String service = "det-" + UUID.randomUUID().toString().substring(0, 8);
        String seriesId = SeriesKey.of(service, "widget_level", Map.of("pod", "p1")).id();
        try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer("vigil.anomalies")) {
            TestKafka.produce("vigil.metrics", points(service, 0, 301, 300));

            String id = await().atMost(Duration.ofSeconds(180)).until(() -> given().auth().oauth2(viewer())
                    .queryParam("service", service).queryParam("open", true)
                    .get("/api/v1/anomalies").then().statusCode(200).extract().<String>path("items[0].id"),
                    v -> v != null);
            given().auth().oauth2(viewer()).get("/api/v1/anomalies/" + id).then().statusCode(200)
                    .body("status", equalTo("open"))
                    .body("$", not(hasKey("open")))
                    .body("metric", equalTo("widget_level"))
                    .body("labels.pod", equalTo("p1"))
                    .body("detector", equalTo("default"))
                    .body("seriesId", equalTo(seriesId))
                    .body("startedAt", startsWith("2026-11-25T05:00:00"))
                    .body("severity", oneOf("info", "warning", "critical")); // the wire name, not the enum's

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
                String tags = "metric=\"widget_level\",series=\"" + seriesId + "\",service=\"" + service + "\"";
                assertTrue(metrics.contains("vigil_anomaly_score{" + tags + "}"), "score gauge");
                assertTrue(metrics.contains("vigil_expected_lower{" + tags + "}"), "lower band gauge");
                assertTrue(metrics.contains("vigil_expected_upper{" + tags + "}"), "upper band gauge");
                assertTrue(metrics.contains("vigil_anomalies_open{service=\"" + service + "\",severity="), "open count");
            });

            TestKafka.produce("vigil.metrics", points(service, 301, 330, -1));
            await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> given().auth().oauth2(viewer())
                    .get("/api/v1/anomalies/" + id).then().statusCode(200)
                    .body("status", equalTo("closed"))
                    .body("endedAt", startsWith("2026-11-25T05:00:00")));
            given().auth().oauth2(viewer()).queryParam("service", service).queryParam("open", true)
                    .get("/api/v1/anomalies").then().statusCode(200).body("total", equalTo(0));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(Pattern
                    .compile("vigil_anomalies_open\\{service=\"" + service + "\",severity=\"\\w+\"} 0\\.0")
                    .matcher(given().get("/q/metrics").then().statusCode(200).extract().asString()).find(),
                    "the open count drops to 0 instead of vanishing"));

            List<JsonNode> events = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : TestKafka.poll(consumer)) {
                    JsonNode n = JSON.readTree(r.value());
                    if (service.equals(n.path("service").asText())) {
                        assertEquals(service + "|widget_level|pod=p1", new String(r.key(), StandardCharsets.UTF_8));
                        events.add(n);
                    }
                }
                return events.stream().anyMatch(n -> n.get("type").asText().equals("closed"));
            });
            assertEquals("opened", events.get(0).get("type").asText());
            assertEquals(id, events.get(0).get("id").asText());
            assertThat(events.get(0).get("severity").asText(), oneOf("info", "warning", "critical"));
            assertEquals("closed", events.get(events.size() - 1).get("type").asText());
        }
    }

    @Test
    void feedbackIsItsOwnPermissionReachesTheDetectorOnceAndTakesAFalsePositiveOutOfTheGate() {
        String service = "fb-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.produce("vigil.metrics", points(service, 0, 301, 300));
        String id = await().atMost(Duration.ofSeconds(180)).until(() -> given().auth().oauth2(viewer())
                .queryParam("service", service).get("/api/v1/anomalies").then().statusCode(200)
                .extract().<String>path("items[0].id"), v -> v != null);
        String body = "{\"verdict\":\"false_positive\",\"comment\":\"planned load test\"}";
        for (ApiTokens.As notAllowed : List.of(ApiTokens.As.VIEWER, ApiTokens.As.GATE)) {
            given().auth().oauth2(tokens.get(notAllowed)).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/anomalies/" + id + "/feedback").then().statusCode(403);
        }
        String feedback = tokens.get(ApiTokens.As.FEEDBACK);
        given().auth().oauth2(feedback).contentType(ContentType.JSON).body("{\"verdict\":\"maybe\"}")
                .post("/api/v1/anomalies/" + id + "/feedback").then().statusCode(400)
                .body("errors[0].field", equalTo("verdict"));
        given().auth().oauth2(feedback).contentType(ContentType.JSON).body(body)
                .post("/api/v1/anomalies/nope/feedback").then().statusCode(404);
        // the spike is at 05:00; a policy with an anomalies check, asked about a deploy at 05:10
        String gateRequest = "{\"service\":\"" + service + "\",\"environment\":\"ci\",\"version\":\"1.0.1\","
                + "\"commit\":\"9f1c2ab4e\",\"deployedAt\":\"2026-11-25T05:10:00Z\",\"policy\":\"with-anomalies\"}";
        String before = given().auth().oauth2(tokens.get(ApiTokens.As.GATE)).contentType(ContentType.JSON)
                .body(gateRequest).post("/api/v1/gates/evaluate").then().extract().asString();
        given().auth().oauth2(feedback).contentType(ContentType.JSON).body(body)
                .post("/api/v1/anomalies/" + id + "/feedback").then().statusCode(201)
                .body("applied", equalTo(true))
                .body("feedback.verdict", equalTo("false_positive"));
        given().auth().oauth2(feedback).contentType(ContentType.JSON).body(body)
                .post("/api/v1/anomalies/" + id + "/feedback").then().statusCode(201)
                .body("applied", equalTo(false)); // the same verdict again: recorded, not applied twice
        given().auth().oauth2(viewer()).get("/api/v1/anomalies/" + id + "/feedback").then().statusCode(200)
                .body("comment", hasItems("planned load test"))
                .body("size()", equalTo(2));
        String after = given().auth().oauth2(tokens.get(ApiTokens.As.GATE)).contentType(ContentType.JSON)
                .body(gateRequest).post("/api/v1/gates/evaluate").then().extract().asString();
        assertTrue(before.contains("(1 anomaly open in that time"), before);
        assertTrue(after.contains("(0 anomalies open in that time"), "a false positive is not counted: " + after);
    }

    @Test
    void listingFiltersAreValidated() {
        given().auth().oauth2(viewer()).queryParam("severity", "loud").get("/api/v1/anomalies").then().statusCode(400)
                .body("errors[0].field", equalTo("severity"));
        given().auth().oauth2(viewer()).get("/api/v1/anomalies/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/v1/anomalies").then().statusCode(401);
        given().auth().oauth2(tokens.get(ApiTokens.As.INGEST)).get("/api/v1/anomalies").then().statusCode(403);
    }

    @Test
    void detectorsAreListedAndAFileIsValidatedWithLineAndField() {
        given().auth().oauth2(viewer()).get("/api/v1/detectors").then().statusCode(200)
                .body("items.name", hasItems("default", "latency", "error-rate", "cpu"))
                .body("items.find { it.name == 'latency' }.direction", equalTo("up"));
        given().auth().oauth2(viewer()).contentType("application/yaml")
                .body("detectors:\n  - name: x\n    match: {metric: foo}\n    sensitivity: 3\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/detectors/validate").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("issues[0].line", equalTo(4))
                .body("issues[0].field", containsString("sensitivity"));
        given().auth().oauth2(viewer()).contentType("application/yaml")
                .body("detectors:\n  - name: x\n    match: {metric: foo}\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/detectors/validate").then().statusCode(200)
                .body("valid", equalTo(true)).body("detectors", hasItems("x"));
    }

    @Test
    void backtestScoresACsvCausally() {
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        Random noise = new Random(3);
        for (int i = 0; i < 400; i++) {
            double v = 100 + noise.nextGaussian() + (i == 350 ? 500 : 0);
            csv.append(Instant.ofEpochMilli(T0 + i * 60_000L)).append(',').append(v).append('\n');
        }
        String out = given().auth().oauth2(viewer()).contentType("text/csv").body(csv.toString())
                .post("/api/v1/backtest").then().statusCode(200).extract().asString();
        List<String> lines = out.lines().toList();
        assertEquals("timestamp,value,anomaly_score", lines.get(0));
        assertEquals(401, lines.size());
        assertTrue(Double.parseDouble(lines.get(351).split(",")[2]) >= 0.75, lines.get(351));
        String json = "{\"csv\":" + quote(csv.toString()) + ",\"definition\":" + quote(
                "detectors:\n  - name: mine\n    warmUp: 20\n") + "}";
        given().auth().oauth2(viewer()).contentType(ContentType.JSON).body(json)
                .post("/api/v1/backtest").then().statusCode(200).body(startsWith("timestamp,value,anomaly_score"));
        given().auth().oauth2(viewer()).contentType("text/csv").queryParam("detector", "nope").body(csv.toString())
                .post("/api/v1/backtest").then().statusCode(400).body("errors[0].field", equalTo("detector"));
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
