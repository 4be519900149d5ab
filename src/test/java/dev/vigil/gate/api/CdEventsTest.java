package dev.vigil.gate.api;

import static dev.vigil.gate.api.GateFixtures.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every stored decision is published as a CDEvent: read back from the real topic by a plain Kafka consumer, and
 * from the HTTP receiver the sink posts to, both carrying the CloudEvents envelope and the CDEvent of the decision.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
@QuarkusTestResource(value = CdEventReceiver.class, restrictToAnnotatedClass = true)
class CdEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "https://vigil.example.org";
    private static final Map<String, String> OUTCOMES = Map.of("PASS", "pass", "WARN", "pass", "FAIL", "fail",
            "INCONCLUSIVE", "error");

    @Test
    void eachDecisionIsACdEventOnTheTopicAndAtTheHttpSink() throws Exception {
        ApiTokens tokens = ApiTokens.issue();
        String service = "cde-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<byte[], byte[]> consumer = TestKafka.consumer("vigil.cdevents")) {
            // no samples: the ci policy's SLO has no data (INCONCLUSIVE); with-anomalies also counts anomalies
            String inconclusive = evaluate(tokens, service, "");
            String other = evaluate(tokens, service, ",\"policy\":\"with-anomalies\"");

            Map<String, ConsumerRecord<byte[], byte[]>> records = new HashMap<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : TestKafka.poll(consumer)) {
                    records.put(JSON.readTree(r.value()).path("id").asText(), r);
                }
                return records.containsKey(inconclusive) && records.containsKey(other);
            });
            ConsumerRecord<byte[], byte[]> record = records.get(inconclusive);
            assertEquals(service, new String(record.key(), StandardCharsets.UTF_8));
            assertEquals("application/cloudevents+json; charset=UTF-8", TestKafka.header(record, "content-type"));
            JsonNode event = JSON.readTree(record.value());
            assertEnvelope(event, inconclusive, service, "ci");
            assertEquals("error", event.at("/data/subject/content/outcome").asText(), "INCONCLUSIVE is an error outcome");
            assertEnvelope(JSON.readTree(records.get(other).value()), other, service, "with-anomalies");

            String receiver = ConfigProvider.getConfig().getValue("cdevents.test.receiver", String.class);
            String posted = await().atMost(Duration.ofSeconds(30)).until(
                    () -> given().get(receiver).then().statusCode(200).extract().asString(), s -> s.contains(inconclusive));
            String line = posted.lines().filter(l -> l.contains(inconclusive)).findFirst().orElseThrow();
            assertEquals("application/cloudevents+json; charset=UTF-8", line.substring(0, line.indexOf('\t')));
            assertEquals(event, JSON.readTree(line.substring(line.indexOf('\t') + 1)), "the same event as on Kafka");
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.matches("(?s).*vigil_cdevents_http_total\\{outcome=\"sent\"} [1-9].*"), "sent counter");
    }

    private static String evaluate(ApiTokens tokens, String service, String extra) {
        return given().auth().oauth2(tokens.get(As.GATE)).contentType(ContentType.JSON)
                .body(request(null, service, "ci", extra)).post("/api/v1/gates/evaluate").then().statusCode(200)
                .extract().path("id");
    }

    /** The envelope and CDEvent of a decision, against the decision as the REST API shows it. */
    private static void assertEnvelope(JsonNode event, String id, String service, String policy) {
        Map<String, Object> decision = given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).get("/api/v1/decisions/" + id)
                .then().statusCode(200).extract().path("");
        String verdict = (String) decision.get("verdict");
        String decidedAt = (String) decision.get("decidedAt");
        assertEquals("1.0", event.path("specversion").asText(), event::toString);
        assertEquals(id, event.path("id").asText());
        assertEquals(SOURCE, event.path("source").asText());
        assertEquals("dev.cdevents.testsuiterun.finished.0.2.0", event.path("type").asText());
        assertEquals(id, event.path("subject").asText());
        // the event carries the decision's instant as decided; the database keeps it to the microsecond
        Duration apart = Duration.between(Instant.parse(decidedAt), Instant.parse(event.path("time").asText())).abs();
        assertTrue(apart.toNanos() < 1_000, () -> "time " + event.path("time") + " vs decidedAt " + decidedAt);
        assertEquals("application/json", event.path("datacontenttype").asText());
        JsonNode data = event.path("data");
        assertEquals("0.4.1", data.at("/context/version").asText());
        assertEquals(id, data.at("/context/id").asText());
        assertEquals(event.path("type").asText(), data.at("/context/type").asText());
        assertEquals("testSuiteRun", data.at("/subject/type").asText());
        assertEquals(OUTCOMES.get(verdict), data.at("/subject/content/outcome").asText(), verdict);
        assertEquals("ci", data.at("/subject/content/environment/id").asText());
        assertEquals(policy, data.at("/subject/content/testSuite/name").asText());
        assertTrue(data.at("/subject/content/testSuite/uri").asText().endsWith(id), data::toString);
        assertEquals(verdict, data.at("/customData/vigil/verdict").asText());
        assertEquals(service, data.at("/customData/vigil/service").asText());
        assertTrue(data.at("/customData/vigil/checks").findValuesAsText("name").contains("error-ratio"), data::toString);
    }
}
