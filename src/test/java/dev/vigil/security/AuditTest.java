package dev.vigil.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every change over the API is audited (who, what, when, which service) and admins page through it. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class AuditTest {

    private static String issue(String name, String role) {
        return given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", name, "roles", List.of(role))).post("/api/v1/admin/tokens")
                .then().statusCode(201).extract().path("token");
    }

    @Test
    void tokenChangesGateEvaluationsAndDeploysAreAuditedWithTheTokenNeverItsSecret() {
        String service = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        String gateName = "audit-gate-" + service;
        String gate = issue(gateName, "gate");
        String ingest = issue("audit-ingest-" + service, "ingest");
        given().auth().oauth2(gate).contentType(ContentType.JSON)
                .body("{\"service\":\"" + service + "\",\"environment\":\"ci\",\"version\":\"1.0\",\"commit\":\"abc\"}")
                .post("/api/v1/gates/evaluate").then().statusCode(200);
        given().auth().oauth2(ingest).contentType(ContentType.JSON)
                .body("[{\"service\":\"" + service + "\",\"environment\":\"prod\",\"version\":\"2.0\",\"status\":\"started\","
                        + "\"startedAt\":\"2026-11-25T07:00:00Z\"}]")
                .post("/api/v1/ingest/deploys").then().statusCode(202);
        String gateId = given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).get("/api/v1/admin/tokens").then()
                .extract().path("find { it.name == '" + gateName + "' }.id");
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).delete("/api/v1/admin/tokens/" + gateId).then().statusCode(204);

        String body = given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("limit", 200).get("/api/v1/audit")
                .then().statusCode(200).extract().asString();
        JsonPath audit = JsonPath.from(body);
        Map<String, Object> evaluation = audit.getMap("items.find { it.action == 'gate.evaluate' && it.service == '" + service + "' }");
        assertEquals(gateName, evaluation.get("tokenName"));
        assertEquals(gateId, evaluation.get("tokenId"));
        assertEquals("ci", evaluation.get("environment"));
        assertTrue(evaluation.get("at") != null);
        Map<String, Object> deploy = audit.getMap("items.find { it.action == 'deploy.ingest' && it.service == '" + service + "' }");
        assertEquals("prod", deploy.get("environment"));
        assertTrue(((String) deploy.get("detail")).contains("2.0"));
        assertTrue(audit.getList("items.findAll { it.action == 'token.revoke' }.detail").contains("token " + gateId));
        assertTrue(audit.getList("items.findAll { it.action == 'token.create' }.detail").stream()
                .anyMatch(d -> ((String) d).contains(gateName)));
        assertFalse(body.contains(gate) || body.contains(ingest) || body.contains(VigilTestResource.ADMIN_TOKEN));
    }

    @Test
    void theAuditIsPagedNewestFirstAndOnlyForAdmins() {
        issue("audit-paging-a", "viewer");
        issue("audit-paging-b", "viewer");
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("limit", 1).get("/api/v1/audit")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("limit", equalTo(1))
                .body("items[0].detail", org.hamcrest.Matchers.containsString("audit-paging-b"));
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("limit", 1).queryParam("offset", 1)
                .get("/api/v1/audit").then().statusCode(200)
                .body("items.detail", hasItem(org.hamcrest.Matchers.containsString("audit-paging-a")));
        String viewer = issue("audit-viewer", "viewer");
        given().auth().oauth2(viewer).get("/api/v1/audit").then().statusCode(403);
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("limit", "many").get("/api/v1/audit")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void theAuditIsFilteredByActorActionAndTime() {
        String run = "audit-filter-" + UUID.randomUUID().toString().substring(0, 8);
        String first = issue(run + "-a", "gate");
        String second = issue(run + "-b", "gate");
        for (String token : List.of(first, second)) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"service\":\"" + run + "\",\"environment\":\"ci\",\"version\":\"1.0\",\"commit\":\"abc\"}")
                    .post("/api/v1/gates/evaluate").then().statusCode(200);
        }
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("actor", run + "-a").get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].tokenName", equalTo(run + "-a"))
                .body("items[0].action", equalTo("gate.evaluate"));
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("actor", run + "-*")
                .queryParam("action", "gate.evaluate").get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(2));
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("actor", run + "-*")
                .queryParam("action", "token.create").get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(0)); // the admin created them, not they themselves
        // '_' and '%' are literal in an actor pattern, not LIKE's wildcards.
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("actor", run.replace('-', '_') + "*")
                .get("/api/v1/audit").then().statusCode(200).body("total", equalTo(0));
        String at = given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("actor", run + "-a")
                .get("/api/v1/audit").then().extract().path("items[0].at");
        java.time.Instant when = java.time.Instant.parse(at);
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("actor", run + "-a")
                .queryParam("from", when.toString()).queryParam("to", when.plusMillis(1).toString())
                .get("/api/v1/audit").then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("actor", run + "-a")
                .queryParam("from", when.plusMillis(1).toString()).get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("action", "drop table").get("/api/v1/audit")
                .then().statusCode(400).body("errors[0].field", equalTo("action"));
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("from", "yesterday").get("/api/v1/audit")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("actor", "x".repeat(257)).get("/api/v1/audit")
                .then().statusCode(400).body("errors[0].field", equalTo("actor"));
    }

    @jakarta.inject.Inject
    dev.vigil.security.service.AuditRetention retention;

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @Test
    void entriesOlderThanTheRetentionAreDeletedAndNewerOnesKept() {
        String actor = "audit-retention-" + UUID.randomUUID().toString().substring(0, 8);
        java.time.Instant longAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(401)); // retention: 400d
        new AuditLog(dataSource, java.time.Clock.fixed(longAgo, java.time.ZoneOffset.UTC))
                .record(new Caller("old", actor), "token.create", null, null, "long ago");
        new AuditLog(dataSource, java.time.Clock.systemUTC()).record(new Caller("new", actor), "token.create", null, null, "today");
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("actor", actor).get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(2));
        assertTrue(retention.prune() >= 1);
        given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).queryParam("actor", actor).get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].detail", equalTo("today"));
    }
}
