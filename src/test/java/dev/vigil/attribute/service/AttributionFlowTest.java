package dev.vigil.attribute.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Through the real broker: a deploy of a service, then its metrics turn anomalous five minutes later; the anomaly
 * shows the deploy as its probable cause (API and vigil.anomalies), the deploy lists the anomaly, and the counter is
 * exported. A deploy event that arrives only after the anomaly opened is attributed too.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class AttributionFlowTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long T0 = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
    static ApiTokens tokens;

    @BeforeEach
    void tokens() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
    }

    static RequestSpecification viewer() {
        return given().auth().oauth2(tokens.get(ApiTokens.As.VIEWER));
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

    static String deploy(String service, String version, String startedAt, String finishedAt) {
        return "{\"service\":\"" + service + "\",\"environment\":\"prod\",\"version\":\"" + version + "\","
                + "\"commit\":\"bbb222\",\"previousCommit\":\"aaa111\",\"status\":\"succeeded\","
                + "\"startedAt\":\"" + startedAt + "\",\"finishedAt\":\"" + finishedAt + "\"}";
    }

    static String deployId(String service) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> viewer().queryParam("service", service)
                .get("/api/v1/deploys").then().statusCode(200).extract().<String>path("items[0].id"), v -> v != null);
    }

    static String anomalyId(String service) {
        return await().atMost(Duration.ofSeconds(180)).until(() -> viewer().queryParam("service", service)
                .get("/api/v1/anomalies").then().statusCode(200).extract().<String>path("items[0].id"), v -> v != null);
    }

    @Test
    void anAnomalyFiveMinutesAfterADeployNamesItAsProbableCauseAndTheDeployListsTheAnomaly() throws Exception {
        String service = "attr-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer("vigil.anomalies")) {
            TestKafka.produce("vigil.deploys", List.of(deploy(service, "2.0.0", "2026-11-25T04:55:00Z",
                    "2026-11-25T04:57:00Z")));
            String deployId = deployId(service);
            TestKafka.produce("vigil.metrics", metricsSpikingAtFive(service));
            String anomalyId = anomalyId(service);

            viewer().get("/api/v1/anomalies/" + anomalyId).then().statusCode(200)
                    .body("startedAt", containsString("2026-11-25T05:00:00"))
                    .body("probableCause.deployId", equalTo(deployId))
                    .body("probableCause.service", equalTo(service))
                    .body("probableCause.environment", equalTo("prod"))
                    .body("probableCause.version", equalTo("2.0.0"))
                    .body("probableCause.commits", equalTo("aaa111..bbb222"))
                    .body("probableCause.confidence", greaterThan(0.7f))
                    .body("probableCause.reasons[0]", containsString("started 5 min before"));
            viewer().queryParam("service", service).get("/api/v1/anomalies").then().statusCode(200)
                    .body("items[0].probableCause.deployId", equalTo(deployId));

            viewer().get("/api/v1/deploys/" + deployId).then().statusCode(200)
                    .body("version", equalTo("2.0.0"))
                    .body("attributedAnomalies", hasSize(1))
                    .body("attributedAnomalies[0].anomalyId", equalTo(anomalyId))
                    .body("attributedAnomalies[0].metric", equalTo("widget_level"))
                    .body("attributedAnomalies[0].confidence", greaterThan(0.7f));
            viewer().queryParam("service", service).get("/api/v1/deploys").then().statusCode(200)
                    .body("items[0].attributedAnomalies[0].anomalyId", equalTo(anomalyId));

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
            assertEquals(anomalyId, opened.get().path("id").asText());
            assertEquals(deployId, opened.get().path("probableCause").path("deployId").asText(), opened.get()::toString);

            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(metrics.contains("vigil_attributions_total{service=\"" + service + "\"} 1.0"),
                    "attribution counter");
        }
    }

    @Test
    void aDeployEventArrivingAfterTheAnomalyOpenedIsStillItsProbableCause() {
        String service = "attr-late-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.produce("vigil.metrics", metricsSpikingAtFive(service));
        String anomalyId = anomalyId(service);
        viewer().get("/api/v1/anomalies/" + anomalyId).then().statusCode(200).body("probableCause", nullValue());

        TestKafka.produce("vigil.deploys", List.of(deploy(service, "3.1.0", "2026-11-25T04:58:00Z",
                "2026-11-25T05:10:00Z")));
        String deployId = deployId(service);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> viewer().get("/api/v1/anomalies/" + anomalyId)
                .then().statusCode(200)
                .body("probableCause.deployId", equalTo(deployId))
                .body("probableCause.reasons", notNullValue()));
        viewer().get("/api/v1/deploys/" + deployId).then().statusCode(200)
                .body("attributedAnomalies[0].anomalyId", equalTo(anomalyId));
    }
}
