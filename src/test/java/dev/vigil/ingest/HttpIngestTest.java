package dev.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP batches are all or nothing, and every refusal is an RFC 7807 problem naming the item and field. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class HttpIngestTest {

    static ApiTokens tokens;
    String service;

    @BeforeEach
    void setUp() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
        service = "http-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private io.restassured.specification.RequestSpecification asIngest() {
        return given().auth().oauth2(tokens.get(As.INGEST)).contentType(ContentType.JSON);
    }

    @Test
    void validBatchIsAcceptedAndBecomesVisible() {
        asIngest().body("[{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":\"2026-11-25T07:00:00Z\",\"value\":0.5},"
                        + "{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":\"2026-11-25T07:00:10Z\",\"value\":0.7}]")
                .post("/api/v1/ingest/metrics").then().statusCode(202).body("accepted", equalTo(2));
        asIngest().body("[{\"service\":\"" + service + "\",\"environment\":\"prod\",\"version\":\"3.1\",\"status\":\"started\","
                        + "\"startedAt\":\"2026-11-25T07:00:00Z\"}]")
                .post("/api/v1/ingest/deploys").then().statusCode(202).body("accepted", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(tokens.get(As.VIEWER))
                .queryParam("service", service).get("/api/v1/series").then().body("items[0].count", equalTo(2)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(tokens.get(As.VIEWER))
                .queryParam("service", service).get("/api/v1/deploys").then().body("items[0].version", equalTo("3.1"))
                .body("items[0].status", equalTo("started")));
    }

    @Test
    void oneBadItemRejectsTheWholeBatchNamingEachBadItem() {
        asIngest().body("[{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":\"2026-11-25T07:00:00Z\",\"value\":0.5},"
                        + "{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":\"soon\",\"value\":0.5},"
                        + "{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":\"2026-11-25T07:00:00Z\"}]")
                .post("/api/v1/ingest/metrics")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors", hasSize(2))
                .body("errors[0].index", equalTo(1)).body("errors[0].field", equalTo("timestamp"))
                .body("errors[1].index", equalTo(2)).body("errors[1].field", equalTo("value"))
                .body("errors[1].reason", equalTo("missing_field"));
        // Give the consumer the chance to show a wrongly kept item: a later good batch must be the only one there.
        asIngest().body("[{\"service\":\"" + service + "\",\"name\":\"mem\",\"timestamp\":\"2026-11-25T07:00:00Z\",\"value\":1}]")
                .post("/api/v1/ingest/metrics").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(tokens.get(As.VIEWER))
                .queryParam("service", service).get("/api/v1/series")
                .then().body("total", equalTo(1)).body("items[0].name", equalTo("mem")));
    }

    @Test
    void aFarFutureSampleIsRefusedNamingTheFieldAndTheSeriesKeepsLearning() {
        asIngest().body("[{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":9223372036854775807,\"value\":1}]")
                .post("/api/v1/ingest/metrics")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("timestamp"))
                .body("errors[0].reason", equalTo("out_of_range"));
        String now = java.time.Instant.now().toString();
        asIngest().body("[{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":\"" + now + "\",\"value\":7}]")
                .post("/api/v1/ingest/metrics").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(tokens.get(As.VIEWER))
                .queryParam("service", service).get("/api/v1/series")
                .then().body("items[0].count", equalTo(1)).body("items[0].lastValue", equalTo(7.0f)));
    }

    @Test
    void bodyThatIsNotAnArrayOrNotJsonIsABadRequest() {
        asIngest().body("{\"service\":\"x\"}").post("/api/v1/ingest/metrics")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", startsWith("the body must be a JSON array"));
        asIngest().body("[{").post("/api/v1/ingest/deploys")
                .then().statusCode(400).body("detail", startsWith("the body is not valid JSON"));
    }

    @Test
    void oversizedItemIsRefusedAsTooLarge() {
        String pad = "x".repeat(70_000);
        asIngest().body("[{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":1,\"value\":1,\"pad\":\"" + pad + "\"}]")
                .post("/api/v1/ingest/metrics")
                .then().statusCode(400).body("errors[0].reason", equalTo("payload_too_large"));
    }

    @Test
    void wrongParameterAndFieldTypesAreProblemsNamingThemWithoutJavaClassNames() {
        given().auth().oauth2(tokens.get(As.VIEWER)).queryParam("limit", "ten").get("/api/v1/deploys")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("limit")).body("errors[0].message", containsString("an integer"));
        given().auth().oauth2(tokens.get(As.VIEWER)).queryParam("open", "maybe").get("/api/v1/anomalies")
                .then().statusCode(400).body("errors[0].field", equalTo("open"));
        String answer = given().auth().oauth2(tokens.get(As.ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\":\"typed\",\"roles\":\"viewer\"}").post("/api/v1/admin/tokens")
                .then().statusCode(400).contentType(startsWith("application/problem+json")).extract().asString();
        // the field is named when Jackson reports its path (it does not for a record's creator properties here)
        org.junit.jupiter.api.Assertions.assertTrue(answer.contains("must be an array"), answer);
        org.junit.jupiter.api.Assertions.assertFalse(answer.contains("java.") || answer.contains("dev.vigil"), answer);
    }

    @Test
    void badQueryParametersAreNamed() {
        given().auth().oauth2(tokens.get(As.VIEWER)).queryParam("from", "yesterday").get("/api/v1/deploys")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(tokens.get(As.VIEWER)).queryParam("limit", 5000).get("/api/v1/series")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(tokens.get(As.VIEWER)).queryParam("status", "done").get("/api/v1/deploys")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(tokens.get(As.VIEWER)).get("/api/v1/deploys/not-there")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }
}
