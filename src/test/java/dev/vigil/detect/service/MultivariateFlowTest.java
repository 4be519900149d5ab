package dev.vigil.detect.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.SeriesKey;
import dev.vigil.flow.GateSeriesCounts;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * A service's two key metrics produced to vigil.metrics, through the real pipeline: aligned per minute, a forest
 * fitted in the background, and a broken relation (latency up while traffic is as usual, latency still inside its
 * own range) opens one multivariate anomaly, in the API and on vigil.anomalies, naming latency.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
@QuarkusTestResource(value = MultivariateDefinitionsResource.class, restrictToAnnotatedClass = true)
class MultivariateFlowTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long T0 = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();
    static final int HEALTHY = 120;
    static final int FAULT_AT = HEALTHY + 1;

    @Inject
    DetectionService detection;

    @Inject
    GateSeriesCounts seriesCounts;

    /** Traffic wanders; latency is 40 ms + 0.2 ms per request/s, +- 1 ms; from {@code faultFrom} on, + 15 ms. */
    static List<String> samples(String service, int from, int to, int faultFrom) {
        Random r = new Random(3 + from);
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            double rps = 200 * (1 + 0.2 * r.nextGaussian());
            double latency = 40 + 0.2 * rps + r.nextGaussian() + (i >= faultFrom ? 15 : 0);
            long t = T0 + i * 60_000L;
            out.add(sample(service, "flow_requests_per_second", t + 2_000, rps));
            out.add(sample(service, "flow_latency_ms", t + 5_000, latency));
        }
        return out;
    }

    static String sample(String service, String metric, long t, double v) {
        return "{\"service\":\"" + service + "\",\"name\":\"" + metric + "\",\"labels\":{},\"timestamp\":" + t
                + ",\"value\":" + v + "}";
    }

    @Test
    void theGateCountsAServicesMultivariateDetectorAsOneMoreTestInItsFalseAlarmBudget() {
        String named = "mvflow-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(1, seriesCounts.count(named, "environment", "prod"), "no series yet, one joint test");
        assertEquals(0, seriesCounts.count(other, "environment", "prod"), "no definition names this service");
    }

    @Test
    void latencyUpWhileTrafficIsAsUsualOpensAMultivariateAnomalyInTheApiAndOnKafka() throws Exception {
        String viewer = ApiTokens.issue().get(ApiTokens.As.VIEWER);
        String service = "mvflow-" + UUID.randomUUID().toString().substring(0, 8);
        String seriesId = SeriesKey.of(service, "vigil:multivariate", Map.of()).id();
        try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer("vigil.anomalies")) {
            TestKafka.produce("vigil.metrics", samples(service, 0, HEALTHY, Integer.MAX_VALUE));
            await().atMost(Duration.ofSeconds(120)).until(() -> detection.multivariateFitted(service));

            TestKafka.produce("vigil.metrics", samples(service, HEALTHY, HEALTHY + 10, FAULT_AT));
            String id = await().atMost(Duration.ofSeconds(120)).until(() -> given().auth().oauth2(viewer)
                    .queryParam("service", service).queryParam("metric", "vigil:multivariate")
                    .get("/api/v1/anomalies").then().statusCode(200).extract().<String>path("items[0].id"),
                    v -> v != null);
            given().auth().oauth2(viewer).get("/api/v1/anomalies/" + id).then().statusCode(200)
                    .body("seriesId", equalTo(seriesId))
                    .body("detector", equalTo("flow-pair"))
                    .body("component", equalTo("JOINT"))
                    .body("labels.dominant", equalTo("flow_latency_ms"))
                    .body("startedAt", startsWith("2026-11-26T02:01:00"));

            given().auth().oauth2(viewer).get("/api/v1/detectors").then().statusCode(200)
                    .body("multivariate[0].name", equalTo("flow-pair"))
                    .body("multivariate[0].service", equalTo("mvflow-*"))
                    .body("multivariate[0].metrics[1].metric", equalTo("flow_latency_ms"))
                    .body("multivariate[0].step", equalTo("60s"));

            List<JsonNode> events = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : TestKafka.poll(consumer)) {
                    JsonNode n = JSON.readTree(r.value());
                    if (service.equals(n.path("service").asText()) && "vigil:multivariate".equals(n.path("metric").asText())) {
                        assertEquals(service + "|vigil:multivariate|", new String(r.key(), StandardCharsets.UTF_8));
                        events.add(n);
                    }
                }
                return !events.isEmpty();
            });
            assertEquals("opened", events.get(0).get("type").asText());
            assertEquals(id, events.get(0).get("id").asText());
            assertEquals("flow_latency_ms", events.get(0).get("labels").get("dominant").asText());
        }
    }
}
