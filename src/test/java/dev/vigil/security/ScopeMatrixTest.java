package dev.vigil.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens limited to services ({@code checkout*}) and environments: what they may send, evaluate and read, and the
 * 403 problems naming the service when they reach beyond. Unscoped tokens are the {@link AuthMatrixTest}'s.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class ScopeMatrixTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String checkout = "checkout-" + run;
    private final String payments = "payments-" + run;

    private static String issue(String role, List<String> services, List<String> environments) {
        return given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "scoped-" + role, "roles", List.of(role), "services", services,
                        "environments", environments))
                .post("/api/v1/admin/tokens").then().statusCode(201)
                .body("details.services", equalTo(services)).extract().path("token");
    }

    private static String sample(String service) {
        return "{\"service\":\"" + service + "\",\"name\":\"cpu\",\"timestamp\":\"2026-11-25T07:00:00Z\",\"value\":0.5}";
    }

    private static String deploy(String service, String environment) {
        return "{\"service\":\"" + service + "\",\"environment\":\"" + environment + "\",\"version\":\"1.0\","
                + "\"status\":\"started\",\"startedAt\":\"2026-11-25T07:00:00Z\"}";
    }

    @Test
    void aScopedIngestTokenSendsItsServicesAndABatchNamingAnotherIsRefusedWhole() {
        String ingest = issue("ingest", List.of("checkout-*"), List.of());
        given().auth().oauth2(ingest).contentType(ContentType.JSON).body("[" + sample(checkout) + "]")
                .post("/api/v1/ingest/metrics").then().statusCode(202);
        given().auth().oauth2(ingest).contentType(ContentType.JSON)
                .body("[" + sample(checkout) + "," + sample(payments) + "]")
                .post("/api/v1/ingest/metrics").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("errors.size()", equalTo(1))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].field", equalTo("service"))
                .body("errors[0].message", containsString("'" + payments + "'"));
        given().auth().oauth2(ingest).contentType(ContentType.JSON).body("[" + deploy(payments, "prod") + "]")
                .post("/api/v1/ingest/deploys").then().statusCode(403)
                .body("errors[0].message", containsString("'" + payments + "'"));
    }

    @Test
    void anEnvironmentScopeRefusesDeploysAndGatesElsewhere() {
        String ingest = issue("ingest", List.of("checkout-*"), List.of("ci"));
        given().auth().oauth2(ingest).contentType(ContentType.JSON).body("[" + deploy(checkout, "ci") + "]")
                .post("/api/v1/ingest/deploys").then().statusCode(202);
        given().auth().oauth2(ingest).contentType(ContentType.JSON).body("[" + deploy(checkout, "production") + "]")
                .post("/api/v1/ingest/deploys").then().statusCode(403)
                .body("errors[0].message", containsString("environment 'production'"));
        String gate = issue("gate", List.of("checkout-*"), List.of("ci"));
        given().auth().oauth2(gate).contentType(ContentType.JSON)
                .body("{\"service\":\"" + payments + "\",\"environment\":\"ci\",\"version\":\"1.0\",\"commit\":\"abc\"}")
                .post("/api/v1/gates/evaluate").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("'" + payments + "'"));
        given().auth().oauth2(gate).contentType(ContentType.JSON)
                .body("{\"service\":\"" + checkout + "\",\"environment\":\"production\",\"version\":\"1.0\",\"commit\":\"abc\"}")
                .post("/api/v1/gates/evaluate").then().statusCode(403);
        given().auth().oauth2(gate).contentType(ContentType.JSON)
                .body("{\"service\":\"" + checkout + "\",\"environment\":\"ci\",\"version\":\"1.0\",\"commit\":\"abc\"}")
                .post("/api/v1/gates/evaluate").then().statusCode(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/series", "/api/v1/anomalies", "/api/v1/deploys", "/api/v1/predictions",
            "/api/v1/decisions"})
    void aScopedReaderMustNameAServiceInItsScopeToList(String path) {
        String viewer = issue("viewer", List.of("checkout-*"), List.of());
        given().auth().oauth2(viewer).get(path).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(viewer).queryParam("service", payments).get(path).then().statusCode(403)
                .body("detail", containsString("'" + payments + "'"));
        given().auth().oauth2(viewer).queryParam("service", checkout).get(path).then().statusCode(200);
    }

    @Test
    void anotherServicesDeployIsNotFoundForAScopedReader() {
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body("[" + deploy(payments, "prod") + "]").post("/api/v1/ingest/deploys").then().statusCode(202);
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(VigilTestResource.ADMIN_TOKEN)
                .queryParam("service", payments).get("/api/v1/deploys").then().extract().<String>path("items[0].id"),
                found -> found != null);
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).get("/api/v1/deploys/" + id).then().statusCode(200);
        String viewer = issue("viewer", List.of("checkout-*"), List.of());
        given().auth().oauth2(viewer).get("/api/v1/deploys/" + id).then().statusCode(404);
    }

    @Test
    void anAdminTokenCannotBeScopedAndBadPatternsAreNamed() {
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"roles\":[\"admin\"],\"services\":[\"checkout\"]}")
                .post("/api/v1/admin/tokens").then().statusCode(400).body("errors[0].field", equalTo("services"));
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"roles\":[\"viewer\"],\"services\":[\"check out\"]}")
                .post("/api/v1/admin/tokens").then().statusCode(400).body("errors[0].field", equalTo("services[0]"));
    }
}
