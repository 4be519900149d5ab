package dev.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad records go to the dead-letter topic with their reason, are counted, and the good ones beside them go on. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class PoisonRecordsTest {

    static ApiTokens tokens;

    @BeforeEach
    void tokens() {
        // Not in @BeforeAll: RestAssured learns the test port only before each test.
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
    }

    @Test
    void poisonMetricsAreDeadLetteredWithReasonsAndTheirNeighboursProcessed() {
        String service = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        String good = "{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":\"2026-11-25T07:00:0%dZ\",\"value\":%d}";
        String huge = "{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":1,\"value\":1,\"pad\":\"" + "x".repeat(100_000) + "\"}";
        Map<String, String> poison = Map.of(
                "this is not json " + service, "not_json",
                "{\"service\":\"" + service + "\",\"timestamp\":1,\"value\":1}", "missing_field",
                "{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":1,\"value\":\"high\"}", "invalid_field",
                huge, "payload_too_large",
                // one far-future sample would make every later sample of the series look older and be ignored
                "{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":9223372036854775807,\"value\":9}", "out_of_range");
        List<String> records = new ArrayList<>();
        records.add(String.format(good, 1, 1));
        records.addAll(poison.keySet());
        records.add(String.format(good, 2, 2));
        double dlqBefore = dlqCount();

        try (KafkaConsumer<byte[], byte[]> dlq = TestKafka.consumer("vigil.dlq")) {
            TestKafka.produce("vigil.metrics", records);
            List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                TestKafka.poll(dlq).stream()
                        .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(service))
                        .forEach(dead::add);
                return dead.size() >= poison.size();
            });
            assertEquals(poison.size(), dead.size());
            for (ConsumerRecord<byte[], byte[]> r : dead) {
                String payload = new String(r.value(), StandardCharsets.UTF_8);
                assertEquals(poison.get(payload), TestKafka.header(r, "dead-letter-cause"), "cause of " + payload.substring(0, 30));
                assertTrue(TestKafka.header(r, "dead-letter-reason").length() > 10);
                assertEquals("vigil.metrics", TestKafka.header(r, "dead-letter-topic"));
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(tokens.get(ApiTokens.As.VIEWER))
                .queryParam("service", service).get("/api/v1/series")
                .then().statusCode(200).body("items[0].count", equalTo(2)).body("items[0].lastValue", equalTo(2.0f)));
        await().atMost(Duration.ofSeconds(10)).until(() -> dlqCount() >= dlqBefore + poison.size());
    }

    @Test
    void aNanValueIsDeadLetteredWithAPlainReasonNamingTheFieldAndPosition() {
        String service = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        String nan = "{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":1,\"value\":NaN}";
        try (KafkaConsumer<byte[], byte[]> dlq = TestKafka.consumer("vigil.dlq")) {
            TestKafka.produce("vigil.metrics", List.of(nan));
            List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                TestKafka.poll(dlq).stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(service)).forEach(dead::add);
                return !dead.isEmpty();
            });
            assertEquals("not_json", TestKafka.header(dead.get(0), "dead-letter-cause"));
            assertEquals("value", TestKafka.header(dead.get(0), "dead-letter-field"));
            assertEquals("not_json (value): not valid JSON at line 1, column " + (nan.indexOf("NaN") + 4)
                    + " (field \"value\"): NaN is not a "
                    + "number in JSON (neither NaN nor Infinity is); send a finite number",
                    TestKafka.header(dead.get(0), "dead-letter-reason"));
        }
    }

    @Test
    void poisonDeployIsDeadLetteredAndTheNextDeployStored() {
        String service = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<byte[], byte[]> dlq = TestKafka.consumer("vigil.dlq")) {
            TestKafka.produce("vigil.deploys", List.of(
                    "{\"service\":\"" + service + "\",\"environment\":\"prod\",\"version\":\"1\",\"status\":\"exploded\",\"timestamp\":1}",
                    "{\"service\":\"" + service + "\",\"environment\":\"prod\",\"version\":\"2\",\"status\":\"started\",\"timestamp\":\"2026-11-25T07:00:00Z\"}"));
            List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                TestKafka.poll(dlq).stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(service)).forEach(dead::add);
                return !dead.isEmpty();
            });
            assertEquals("invalid_field", TestKafka.header(dead.get(0), "dead-letter-cause"));
            assertEquals("status", TestKafka.header(dead.get(0), "dead-letter-field"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(tokens.get(ApiTokens.As.VIEWER))
                .queryParam("service", service).get("/api/v1/deploys")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].version", equalTo("2")));
    }

    @Test
    void aDeployFromTheFarFutureIsDeadLetteredNamingTheField() {
        String service = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<byte[], byte[]> dlq = TestKafka.consumer("vigil.dlq")) {
            TestKafka.produce("vigil.deploys", List.of("{\"service\":\"" + service + "\",\"environment\":\"prod\","
                    + "\"version\":\"1\",\"status\":\"started\",\"startedAt\":\"2999-01-01T00:00:00Z\"}"));
            List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                TestKafka.poll(dlq).stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(service)).forEach(dead::add);
                return !dead.isEmpty();
            });
            assertEquals("out_of_range", TestKafka.header(dead.get(0), "dead-letter-cause"));
            assertEquals("startedAt", TestKafka.header(dead.get(0), "dead-letter-field"));
            assertTrue(TestKafka.header(dead.get(0), "dead-letter-reason").contains("max-future-skew"));
        }
    }

    private static double dlqCount() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("vigil_dlq_records_total{") && l.contains("kind=\"metric\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
