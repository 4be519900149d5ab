package dev.vigil.predict.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.ChangeSummary;
import dev.vigil.flow.GateFailureProbability;
import dev.vigil.gate.Evidence;
import dev.vigil.gate.GateRequest;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deploy event produced to the real broker, naming a real repository built with JGit, gets a stored prediction
 * with an explanation, visible in the API and at /q/metrics; failures are stored as unavailable without blocking
 * the deploys behind them.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class PredictionFlowTest {

    static ApiTokens tokens;
    static GitFixture repo;

    @BeforeAll
    static void repository() throws Exception {
        repo = GitFixture.create();
    }

    @BeforeEach
    void tokens() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
    }

    static String service() {
        return "pr-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String started(String service, String version, String commit, String previousCommit, String repository) {
        return "{\"service\":\"" + service + "\",\"environment\":\"prod\",\"version\":\"" + version + "\","
                + "\"commit\":\"" + commit + "\","
                + (previousCommit == null ? "" : "\"previousCommit\":\"" + previousCommit + "\",")
                + "\"repository\":\"" + repository + "\",\"status\":\"started\","
                + "\"startedAt\":\"2026-11-25T07:00:00Z\"}";
    }

    static RequestSpecification as(ApiTokens.As role) {
        return given().auth().oauth2(tokens.get(role));
    }

    @Test
    void aStartedDeployThroughKafkaGetsAColdStartPredictionWithExplanations() {
        String service = service();
        TestKafka.produce("vigil.deploys", List.of(started(service, "1.0.0", repo.c(3), repo.c(1), repo.dir.toString())));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(ApiTokens.As.VIEWER)
                .queryParam("service", service).get("/api/v1/predictions")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("ok")));

        String id = as(ApiTokens.As.GATE).queryParam("service", service).get("/api/v1/predictions")
                .then().extract().path("items[0].id");
        as(ApiTokens.As.VIEWER).get("/api/v1/predictions/" + id)
                .then().statusCode(200)
                .body("probability", allOf(greaterThanOrEqualTo(0f), lessThanOrEqualTo(1f)))
                .body("riskLevel", matchesPattern("LOW|MEDIUM|HIGH"))
                .body("modelVersion", not(equalTo("")))
                .body("coldStart", equalTo(true))
                .body("source", equalTo("deploy"))
                .body("deployId", notNullValue())
                .body("baseCommit", equalTo(repo.c(1)))
                .body("commit", equalTo(repo.c(3)))
                .body("commitCount", equalTo(2))
                .body("explanations.size()", greaterThanOrEqualTo(1))
                .body("explanations[0].sentence", containsString("the risk"))
                .body("explanations[0].reason", matchesPattern(".+ \\((raises|lowers) the risk\\)"))
                .body("features.summary", allOf(startsWith("touches 2 files in "), containsString("riskiest commit ")))
                .body("features.change.nf", equalTo(2.0f))
                .body("features.change.fix", equalTo(1.0f))
                .body("features.service.open_anomalies", equalTo(0))
                .body("note", startsWith("cold start"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(metrics, allOf(
                containsString("vigil_prediction_probability{environment=\"prod\",service=\"" + service + "\"}"),
                containsString("vigil_predictions_total{environment=\"prod\",risk=")));
    }

    @Test
    void aMissingRepositoryIsStoredUnavailableAndDoesNotBlockTheNextDeploy() {
        String broken = service();
        String fine = service();
        TestKafka.produce("vigil.deploys", List.of(
                started(broken, "2.0.0", repo.c(3), repo.c(2), "/nonexistent/" + broken),
                started(broken, "2.0.1", "deadbeef", repo.c(2), repo.dir.toString()),
                started(fine, "1.0.0", repo.c(2), repo.c(0), repo.dir.toString())));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(ApiTokens.As.VIEWER)
                .queryParam("service", fine).get("/api/v1/predictions")
                .then().statusCode(200).body("items[0].status", equalTo("ok")));
        as(ApiTokens.As.VIEWER).queryParam("service", broken).queryParam("status", "unavailable")
                .get("/api/v1/predictions")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.reason", hasItem(startsWith("repository_refused: ")))
                .body("items.reason", hasItem(startsWith("commit_missing: ")))
                .body("items[0].probability", equalTo(null));
        as(ApiTokens.As.VIEWER).get("/api/v1/deploys?service=" + broken)
                .then().statusCode(200).body("total", equalTo(2));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(metrics, containsString(
                "vigil_predictions_unavailable_total{environment=\"prod\",reason=\"repository_refused\",service=\""
                        + broken + "\"}"));
    }

    @Test
    void aRemoteThatAcceptsAndNeverAnswersFailsWithinTheTimeoutAndTheNextDeployIsStillPredicted() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        silent.accept(); // and never answer: not even the TLS handshake
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String stalled = service();
            String fine = service();
            TestKafka.produce("vigil.deploys", List.of(
                    started(stalled, "1.0.0", repo.c(3), repo.c(1), "https://127.0.0.1:" + silent.getLocalPort() + "/x.git"),
                    started(fine, "1.0.0", repo.c(3), repo.c(1), repo.dir.toString())));

            // vigil.git.timeout is 1 s in tests: the stalled repository costs seconds, not the 10 minutes it did
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(ApiTokens.As.VIEWER)
                    .queryParam("service", stalled).get("/api/v1/predictions")
                    .then().statusCode(200).body("items[0].status", equalTo("unavailable"))
                    .body("items[0].reason", startsWith("repository_unreachable: ")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(ApiTokens.As.VIEWER)
                    .queryParam("service", fine).get("/api/v1/predictions")
                    .then().statusCode(200).body("items[0].status", equalTo("ok")));
        }
    }

    @Test
    void withoutPreviousCommitTheLastSucceededDeployIsTheBaseAndARedeliveryAddsNothing() {
        String service = service();
        String eventId = UUID.randomUUID().toString();
        TestKafka.produce("vigil.deploys", List.of(
                started(service, "1.0.0", repo.c(1), null, repo.dir.toString()),
                "{\"service\":\"" + service + "\",\"environment\":\"prod\",\"version\":\"1.0.0\","
                        + "\"status\":\"succeeded\",\"finishedAt\":\"2026-11-25T07:05:00Z\"}"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(ApiTokens.As.VIEWER)
                .queryParam("service", service).get("/api/v1/deploys")
                .then().body("items[0].status", equalTo("succeeded")));

        String next = "{\"id\":\"" + eventId + "\",\"service\":\"" + service + "\",\"environment\":\"prod\","
                + "\"version\":\"1.1.0\",\"commit\":\"" + repo.c(3) + "\",\"repository\":\"" + repo.dir + "\","
                + "\"status\":\"started\",\"startedAt\":\"2026-11-25T08:00:00Z\"}";
        TestKafka.produce("vigil.deploys", List.of(next, next));
        String marker = service();
        TestKafka.produce("vigil.deploys", List.of(started(marker, "1", repo.c(1), repo.c(0), repo.dir.toString())));

        // predictions run in order on one thread: once the marker's is stored, both 1.1.0 events were handled
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(ApiTokens.As.VIEWER)
                .queryParam("service", marker).get("/api/v1/predictions").then().body("total", equalTo(1)));
        as(ApiTokens.As.VIEWER).queryParam("service", service).queryParam("status", "ok").get("/api/v1/predictions")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.find { it.version == '1.1.0' }.baseCommit", equalTo(repo.c(1)))
                .body("items.find { it.version == '1.1.0' }.commitCount", equalTo(2))
                .body("items.find { it.version == '1.0.0' }.features.flags", hasItem("BASE_MISSING"));
    }

    @Test
    void aDeployFirstSeenFinishedIsPredictedAsOfItsStartAndItsLaterEventsAddNothing() {
        String service = service();
        String deployed = "{\"service\":\"" + service + "\",\"environment\":\"prod\",\"version\":\"4.0.0\","
                + "\"commit\":\"" + repo.c(3) + "\",\"previousCommit\":\"" + repo.c(2) + "\",\"repository\":\""
                + repo.dir + "\",\"status\":\"succeeded\",\"startedAt\":\"2026-11-25T09:00:00Z\","
                + "\"finishedAt\":\"2026-11-25T09:04:00Z\"}";
        String rolledBack = deployed.replace("succeeded", "rolled_back").replace("09:04", "09:20");
        TestKafka.produce("vigil.deploys", List.of(deployed, rolledBack));
        String marker = service();
        TestKafka.produce("vigil.deploys", List.of(started(marker, "1", repo.c(1), repo.c(0), repo.dir.toString())));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(ApiTokens.As.VIEWER)
                .queryParam("service", marker).get("/api/v1/predictions").then().body("total", equalTo(1)));
        as(ApiTokens.As.VIEWER).queryParam("service", service).get("/api/v1/predictions").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("ok"))
                .body("items[0].version", equalTo("4.0.0"))
                .body("items[0].commitCount", equalTo(1))
                .body("items[0].features.service.hour_of_day", equalTo(9));
    }

    @Test
    void postPredictsNowAndNamesTheFieldsAtFault() {
        String service = service();
        as(ApiTokens.As.GATE).contentType(ContentType.JSON)
                .body(Map.of("service", service, "environment", "staging", "commit", repo.c(3).substring(0, 10),
                        "previousCommit", repo.c(0), "repository", repo.dir.toString()))
                .post("/api/v1/predictions")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/predictions/"))
                .body("status", equalTo("ok"))
                .body("source", equalTo("request"))
                .body("coldStart", equalTo(true))
                .body("commit", equalTo(repo.c(3)))
                .body("commitCount", equalTo(3));

        as(ApiTokens.As.GATE).contentType(ContentType.JSON).body(Map.of("service", service))
                .post("/api/v1/predictions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", allOf(hasItem("environment"), hasItem("commit"), hasItem("repository")));

        as(ApiTokens.As.GATE).contentType(ContentType.JSON)
                .body(Map.of("service", service, "environment", "prod", "commit", "0123456789abcdef",
                        "repository", repo.dir.toString()))
                .post("/api/v1/predictions")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("commit"))
                .body("errors[0].reason", equalTo("commit_missing"));

        as(ApiTokens.As.GATE).contentType(ContentType.JSON)
                .body(Map.of("service", service, "environment", "prod", "commit", repo.c(1),
                        "repository", "http://user:secret@example.org/repo.git"))
                .post("/api/v1/predictions")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("repository"))
                .body("errors[0].reason", equalTo("repository_refused"))
                .body("detail", not(containsString("secret")));

        as(ApiTokens.As.GATE).contentType(ContentType.JSON)
                .body(Map.of("service", service, "environment", "prod", "commit", repo.c(1),
                        "repository", "https://127.0.0.1:1/nothing.git"))
                .post("/api/v1/predictions")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("repository"))
                .body("errors[0].reason", equalTo("repository_unreachable"));

        as(ApiTokens.As.VIEWER).contentType(ContentType.JSON)
                .body(Map.of("service", service, "environment", "prod", "commit", repo.c(1),
                        "repository", repo.dir.toString()))
                .post("/api/v1/predictions").then().statusCode(403);
    }

    @Inject
    GateFailureProbability gatePort;

    @Test
    void theGatePortReusesTheDeploysPredictionOrPredictsNowAndThrowsWhenItCannot() {
        String service = service();
        TestKafka.produce("vigil.deploys", List.of(started(service, "3.0.0", repo.c(3), repo.c(0), repo.dir.toString())));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(ApiTokens.As.VIEWER)
                .queryParam("service", service).get("/api/v1/predictions")
                .then().body("items[0].status", equalTo("ok")));
        float stored = as(ApiTokens.As.VIEWER).queryParam("service", service).get("/api/v1/predictions")
                .then().extract().path("items[0].probability");

        double reused = gatePort.of(new GateRequest(null, service, "prod", "3.0.0", repo.c(3).substring(0, 12), null,
                null, null, null, null));
        assertEquals(stored, (float) reused, 1e-6);
        double fresh = gatePort.of(new GateRequest(null, service, "prod", "3.0.1", repo.c(2), repo.c(1),
                repo.dir.toString(), null, null, null));
        assertTrue(fresh >= 0 && fresh <= 1);
        as(ApiTokens.As.VIEWER).queryParam("service", service).get("/api/v1/predictions")
                .then().body("total", equalTo(2)).body("items.source", hasItem("request"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gatePort.of(new GateRequest(null,
                service, "prod", "3.0.2", "0123456789abcdef", null, repo.dir.toString(), null, null, null)));
        assertTrue(e.getMessage().contains("commit_missing"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> gatePort.of(new GateRequest(null, service(), "prod", "1",
                repo.c(1), null, null, null, null, null)), "no repository known");
    }

    @Test
    void theGatePortKnowsTheDeploysPredictionForTheBandAndTheChangeAndARequestedOneForTheChangeOnly() {
        String service = service();
        TestKafka.produce("vigil.deploys", List.of(started(service, "4.0.0", repo.c(3), repo.c(0), repo.dir.toString())));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(ApiTokens.As.VIEWER)
                .queryParam("service", service).get("/api/v1/predictions")
                .then().body("items[0].status", equalTo("ok")));
        String deployPrediction = as(ApiTokens.As.VIEWER).queryParam("service", service).get("/api/v1/predictions")
                .then().extract().path("items[0].id");

        Evidence.KnownPrediction ofDeploy = gatePort.known(new GateRequest(null, service, "prod", "4.0.0",
                repo.c(3).substring(0, 12), null, null, null, null, null));
        ChangeSummary change = ofDeploy.change().orElseThrow();
        assertEquals(deployPrediction, change.predictionId());
        assertEquals(change.probability(), ofDeploy.deployRisk().orElseThrow(), 1e-12, "band and change agree");

        GateRequest undeployed = new GateRequest(null, service, "prod", "4.0.1", repo.c(2), repo.c(1),
                repo.dir.toString(), null, null, null);
        assertEquals(Evidence.KnownPrediction.NONE, gatePort.known(undeployed), "never predicts");
        gatePort.of(undeployed);
        Evidence.KnownPrediction requested = gatePort.known(undeployed);
        assertTrue(requested.deployRisk().isEmpty(), "no deploy: no band");
        assertTrue(requested.change().isPresent(), "the change of the prediction the gate asked for");
        assertEquals(Evidence.KnownPrediction.NONE, gatePort.known(new GateRequest(null, service, "prod", "4.0.0",
                "0123456789abcdef", null, null, null, null, null)), "another commit of the release");
    }

    @Test
    void retrainOnDemandIsForAdminsAndSaysWhyAServiceStaysOnColdStart() {
        String service = service();
        TestKafka.produce("vigil.deploys", List.of(started(service, "1.0.0", repo.c(2), repo.c(1), repo.dir.toString())));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(ApiTokens.As.VIEWER)
                .queryParam("service", service).get("/api/v1/predictions")
                .then().body("items[0].status", equalTo("ok")));
        as(ApiTokens.As.ADMIN).queryParam("service", service).post("/api/v1/admin/models/retrain")
                .then().statusCode(200)
                .body("results[0].service", equalTo(service))
                .body("results[0].trained", equalTo(false))
                .body("results[0].summary", containsString("0 labelled deploys"));
        as(ApiTokens.As.ADMIN).queryParam("service", service).get("/api/v1/admin/models")
                .then().statusCode(200).body("size()", equalTo(0));
        as(ApiTokens.As.ADMIN).get("/api/v1/admin/models").then().statusCode(400)
                .body("errors[0].field", equalTo("service"));
        as(ApiTokens.As.ADMIN).get("/api/v1/admin/models/cold-start").then().statusCode(200)
                .body("version", startsWith("coldstart-jit-lr-"))
                .body("calibration.method", equalTo("platt"))
                .body("calibration.validation.bins.size()", equalTo(10))
                .body("calibration.validation.bins[0].lower", equalTo(0.0f))
                .body("calibration.validation.brier", lessThan(0.25f));
        as(ApiTokens.As.GATE).post("/api/v1/admin/models/retrain").then().statusCode(403);
    }

    @Test
    void listFiltersAndBadParameters() {
        as(ApiTokens.As.VIEWER).queryParam("risk", "severe").get("/api/v1/predictions")
                .then().statusCode(400).body("errors[0].field", equalTo("risk"));
        as(ApiTokens.As.VIEWER).queryParam("status", "done").get("/api/v1/predictions")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        as(ApiTokens.As.VIEWER).queryParam("from", "yesterday").get("/api/v1/predictions")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        as(ApiTokens.As.VIEWER).queryParam("limit", 0).get("/api/v1/predictions")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        as(ApiTokens.As.VIEWER).get("/api/v1/predictions/no-such-id").then().statusCode(404);
        as(ApiTokens.As.INGEST).get("/api/v1/predictions").then().statusCode(403);
        given().get("/api/v1/predictions").then().statusCode(401);
        as(ApiTokens.As.VIEWER).queryParam("risk", "low").queryParam("service", "nobody")
                .queryParam("from", "2026-01-01T00:00:00Z").get("/api/v1/predictions")
                .then().statusCode(200).body("total", equalTo(0));
    }
}
