package dev.vigil.gate.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.vigil.core.Severity;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.service.AnomalyRepository;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One service, one incident, as people read it: the service's anomalies stored by detection (written here straight
 * into the real store), grouped where they overlap and graded against the service's budget, false positives left out.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class IncidentApiTest {

    static ApiTokens tokens;

    @Inject
    AnomalyRepository repository;

    String service;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void setUp() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
        service = "incident-" + UUID.randomUUID().toString().substring(0, 8);
    }

    AnomalyRecord anomaly(String id, String metric, Severity severity, double peak, Instant start, Instant end) {
        return new AnomalyRecord(service + "-" + id, "0123456789abcdef0123456789abcdef", service, metric, Map.of(), metric,
                end == null ? AnomalyRecord.Status.OPEN : AnomalyRecord.Status.CLOSED, severity, start,
                end == null ? start : end, end, peak, 2.5, 0.2, 0.1, 0.3, "LEVEL");
    }

    @Test
    void overlappingAnomaliesOfAServiceAreOneIncidentAndALaterOneIsAnother() {
        repository.upsert(List.of(
                anomaly("latency", "latency", Severity.WARNING, 0.86, now.minusSeconds(3600), now.minusSeconds(3000)),
                anomaly("errors", "errors", Severity.INFO, 0.78, now.minusSeconds(3300), now.minusSeconds(2900)),
                anomaly("cpu", "cpu", Severity.CRITICAL, 0.97, now.minusSeconds(600), null)));
        given().auth().oauth2(tokens.get(As.VIEWER)).queryParam("service", service).queryParam("environment", "prod")
                .get("/api/v1/incidents").then().statusCode(200)
                .body("service", equalTo(service)).body("seriesCount", equalTo(1))
                .body("items", hasSize(2))
                .body("items[0].anomalies.metric", containsInAnyOrder("latency", "errors"))
                .body("items[0].severity", equalTo("warning"))
                .body("items[0].endedAt", equalTo(now.minusSeconds(2900).toString()))
                .body("items[1].anomalies.metric", contains("cpu"))
                .body("items[1].severity", equalTo("critical"))
                .body("items[1].endedAt", nullValue());
    }

    @Test
    void anAnomalyMarkedFalsePositiveIsNoPartOfAnyIncident() {
        repository.upsert(List.of(
                anomaly("noise", "latency", Severity.CRITICAL, 0.97, now.minusSeconds(600), null),
                anomaly("real", "errors", Severity.WARNING, 0.86, now.minusSeconds(7200), now.minusSeconds(7000))));
        repository.addFeedback(service + "-noise", "false_positive", "load test", "tok", now);
        given().auth().oauth2(tokens.get(As.GATE)).queryParam("service", service).queryParam("environment", "prod")
                .get("/api/v1/incidents").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].anomalies.metric", contains("errors"));
    }

    @Test
    void theServiceAndEnvironmentAreRequiredTheWindowBoundedAndTheScopeEnforced() {
        given().auth().oauth2(tokens.get(As.VIEWER)).queryParam("environment", "prod").get("/api/v1/incidents")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("service"));
        given().auth().oauth2(tokens.get(As.VIEWER)).queryParam("service", service).get("/api/v1/incidents")
                .then().statusCode(400).body("errors[0].field", equalTo("environment"));
        given().auth().oauth2(tokens.get(As.VIEWER)).queryParam("service", service).queryParam("environment", "prod")
                .queryParam("from", now.minus(40, ChronoUnit.DAYS).toString()).get("/api/v1/incidents")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().queryParam("service", service).queryParam("environment", "prod").get("/api/v1/incidents")
                .then().statusCode(401);
        String otherService = given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "scoped-incidents", "roles", List.of("viewer"), "services", List.of("elsewhere")))
                .post("/api/v1/admin/tokens").then().statusCode(201).extract().path("token");
        given().auth().oauth2(otherService).queryParam("service", service).queryParam("environment", "prod")
                .get("/api/v1/incidents").then().statusCode(403);
    }
}
