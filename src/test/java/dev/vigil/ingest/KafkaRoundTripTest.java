package dev.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records produced by an outside client to the real broker's topics become visible through the API. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class KafkaRoundTripTest {

    static ApiTokens tokens;

    @BeforeEach
    void tokens() {
        // Not in @BeforeAll: RestAssured learns the test port only before each test.
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
    }

    @Test
    void metricsInBothFormatsAppearAsSeries() {
        String service = "rt-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.produce("vigil.metrics", List.of(
                "{\"service\":\"" + service + "\",\"name\":\"http_latency_seconds\",\"labels\":{\"env\":\"prod\"},"
                        + "\"timestamp\":\"2026-11-25T07:00:00Z\",\"value\":0.21}",
                "{\"service\":\"" + service + "\",\"name\":\"http_latency_seconds\",\"labels\":{\"env\":\"prod\"},"
                        + "\"timestamp\":" + java.time.Instant.parse("2026-11-25T07:01:00Z").toEpochMilli() + ",\"value\":0.25}",
                "{\"timestamp\":\"2026-11-25T07:00:00Z\",\"value\":\"42\",\"name\":\"http_requests_total\","
                        + "\"labels\":{\"__name__\":\"http_requests_total\",\"job\":\"" + service + "\",\"code\":\"200\"}}"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(tokens.get(ApiTokens.As.VIEWER))
                .queryParam("service", service)
                .get("/api/v1/series")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.name", hasItems("http_latency_seconds", "http_requests_total"))
                .body("items.find { it.name == 'http_latency_seconds' }.count", equalTo(2))
                .body("items.find { it.name == 'http_latency_seconds' }.lastValue", equalTo(0.25f))
                .body("items.find { it.name == 'http_requests_total' }.labels.code", equalTo("200")));
    }

    @Test
    void deploysInVigilCdEventsAndCloudEventsFormatsAppearAsDeploys() {
        String service = "rt-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.produce("vigil.deploys", List.of(
                "{\"service\":\"" + service + "\",\"environment\":\"prod\",\"version\":\"1.0.0\",\"commit\":\"aaa111\","
                        + "\"status\":\"started\",\"startedAt\":\"2026-11-25T07:00:00Z\"}",
                "{\"service\":\"" + service + "\",\"environment\":\"prod\",\"version\":\"1.0.0\",\"status\":\"succeeded\","
                        + "\"finishedAt\":\"2026-11-25T07:05:00Z\"}",
                "{\"context\":{\"version\":\"0.4.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/argocd\","
                        + "\"type\":\"dev.cdevents.service.upgraded.0.2.0\",\"timestamp\":\"2026-11-25T08:00:00Z\"},"
                        + "\"subject\":{\"id\":\"service/" + service + "\",\"type\":\"service\",\"content\":{"
                        + "\"environment\":{\"id\":\"prod\"},\"artifactId\":\"pkg:oci/" + service + "@1.1.0\"}}}",
                "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/argocd\","
                        + "\"type\":\"dev.cdevents.service.rolledback.0.2.0\",\"data\":{\"context\":{\"version\":\"0.4.0\","
                        + "\"id\":\"x\",\"source\":\"/argocd\",\"type\":\"dev.cdevents.service.rolledback.0.2.0\","
                        + "\"timestamp\":\"2026-11-25T09:00:00Z\"},\"subject\":{\"id\":\"" + service + "\",\"content\":{"
                        + "\"environment\":{\"id\":\"staging\"},\"artifactId\":\"pkg:oci/" + service + "@1.2.0\"}}}}",
                "{\"context\":{\"version\":\"0.4.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/tekton\","
                        + "\"type\":\"dev.cdevents.pipelinerun.finished.0.2.0\",\"timestamp\":\"2026-11-25T10:00:00Z\"},"
                        + "\"subject\":{\"id\":\"run-7\",\"content\":{\"pipelineName\":\"" + service + "\",\"outcome\":\"failure\"}},"
                        + "\"customData\":{\"environment\":\"prod\",\"version\":\"1.3.0\"}}"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(tokens.get(ApiTokens.As.VIEWER))
                .queryParam("service", service)
                .get("/api/v1/deploys")
                .then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.find { it.version == '1.0.0' }.status", equalTo("succeeded"))
                .body("items.find { it.version == '1.0.0' }.commit", equalTo("aaa111"))
                .body("items.find { it.version == '1.1.0' }.status", equalTo("succeeded"))
                .body("items.find { it.version == '1.1.0' }.format", equalTo("cdevents"))
                .body("items.find { it.version == '1.2.0' }.status", equalTo("rolled_back"))
                .body("items.find { it.version == '1.2.0' }.environment", equalTo("staging"))
                .body("items.find { it.version == '1.3.0' }.status", equalTo("failed")));
    }
}
