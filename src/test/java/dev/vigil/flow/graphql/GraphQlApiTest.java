package dev.vigil.flow.graphql;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import graphql.introspection.IntrospectionQuery;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real GraphQL queries over HTTP against the running app, on data that went through the real flows: a deploy event
 * on Kafka naming a real (JGit) repository, so it is predicted; metrics that turn anomalous five minutes after it, so
 * an anomaly is attributed to it; and a gate evaluation of its release. One query answers all three, as the REST
 * resources do one by one; scopes, roles, depth and cost are held as in REST.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class GraphQlApiTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SERVICE = "gql-" + RUN;
    private static final String OTHER = "gql-other-" + RUN;
    private static final long T0 = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();

    private static final String FULL_DEPLOY = """
            query($id: ID!) { deploy(id: $id) { id service environment version status startedAt
              prediction { status probability riskLevel modelVersion reasons { feature direction contribution sentence } }
              anomalies { anomalyId metric openedAt confidence reasons }
              decisions { id verdict score reason policy { name version } createdAt decidedAt url
                          checks { name kind status threshold explanation weight critical dryRun details } } } }""";

    private static ApiTokens tokens;
    private static String deployId;
    private static String otherDeployId;
    private static String anomalyId;
    private static String decisionId;

    @BeforeEach
    void fixture() throws Exception {
        if (tokens != null) {
            return;
        }
        tokens = ApiTokens.issue();
        List<String> commits = repository();
        Path repo = Path.of(commits.remove(0));
        TestKafka.produce("vigil.deploys", List.of(deploy(SERVICE, "2.0.0", commits.get(1), commits.get(0), repo),
                deploy(OTHER, "7.0.0", commits.get(1), commits.get(0), repo)));
        deployId = deployIdOf(SERVICE);
        otherDeployId = deployIdOf(OTHER);
        TestKafka.produce("vigil.metrics", metricsSpikingAtFive(SERVICE));
        anomalyId = await().atMost(Duration.ofSeconds(180)).until(() -> rest(As.VIEWER).get("/api/v1/deploys/" + deployId)
                .then().statusCode(200).extract().<String>path("attributedAnomalies[0].anomalyId"), v -> v != null);
        await().atMost(Duration.ofSeconds(60)).until(() -> rest(As.VIEWER).queryParam("deployId", deployId)
                .get("/api/v1/predictions").then().statusCode(200).extract().<Integer>path("total"), n -> n > 0);
        decisionId = rest(As.GATE).contentType(ContentType.JSON)
                .body("{\"service\":\"" + SERVICE + "\",\"environment\":\"ci\",\"version\":\"2.0.0\",\"commit\":\""
                        + commits.get(1) + "\"}")
                .post("/api/v1/gates/evaluate").then().statusCode(200).extract().path("id");
    }

    @Test
    void oneQueryAnswersADeployWithItsPredictionAttributedAnomaliesAndDecisions() {
        Map<String, Object> prediction = rest(As.VIEWER).queryParam("deployId", deployId).get("/api/v1/predictions")
                .then().statusCode(200).extract().path("items[0]");
        Map<String, Object> decision = rest(As.VIEWER).get("/api/v1/decisions/" + decisionId).then().statusCode(200)
                .extract().path("");

        graphql(As.VIEWER, FULL_DEPLOY, Map.of("id", deployId)).body("errors", nullValue())
                .body("data.deploy.id", equalTo(deployId))
                .body("data.deploy.service", equalTo(SERVICE))
                .body("data.deploy.environment", equalTo("ci"))
                .body("data.deploy.status", equalTo("SUCCEEDED"))
                .body("data.deploy.startedAt", equalTo("2026-11-25T04:55:00Z"))
                .body("data.deploy.prediction.status", equalTo("OK"))
                .body("data.deploy.prediction.probability", equalTo(((Number) prediction.get("probability")).floatValue()))
                .body("data.deploy.prediction.riskLevel", equalTo(prediction.get("riskLevel")))
                .body("data.deploy.prediction.reasons[0].sentence", containsString("the risk"))
                .body("data.deploy.anomalies", hasSize(1))
                .body("data.deploy.anomalies[0].anomalyId", equalTo(anomalyId))
                .body("data.deploy.anomalies[0].metric", equalTo("widget_level"))
                .body("data.deploy.anomalies[0].openedAt", startsWith("2026-11-25T05:00"))
                .body("data.deploy.decisions", hasSize(1))
                .body("data.deploy.decisions[0].id", equalTo(decisionId))
                .body("data.deploy.decisions[0].verdict", equalTo(decision.get("verdict")))
                .body("data.deploy.decisions[0].policy.name", equalTo("ci"))
                .body("data.deploy.decisions[0].checks[0].name", equalTo("error-ratio"))
                .body("data.deploy.decisions[0].checks[0].kind", equalTo("slo"));

        graphql(As.GATE, "{ deploys(service: \"" + SERVICE + "\", environment: \"ci\", since: \"2026-01-01T00:00:00Z\")"
                + " { id anomalies { anomalyId } decisions(limit: 1) { id } } }", Map.of())
                .body("errors", nullValue())
                .body("data.deploys", hasSize(1))
                .body("data.deploys[0].id", equalTo(deployId))
                .body("data.deploys[0].anomalies[0].anomalyId", equalTo(anomalyId))
                .body("data.deploys[0].decisions[0].id", equalTo(decisionId));
    }

    @Test
    void aTokenScopedToAnotherServiceSeesNoneOfThisServicesDeploys() {
        String scoped = given().auth().oauth2(VigilTestResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "gql-scoped", "roles", List.of("viewer"), "services", List.of(OTHER)))
                .post("/api/v1/admin/tokens").then().statusCode(201).extract().path("token");

        graphql(scoped, FULL_DEPLOY, Map.of("id", deployId)).body("errors", nullValue()).body("data.deploy", nullValue());
        graphql(scoped, "{ deploys(service: \"" + SERVICE + "\") { id } }", Map.of())
                .body("data", nullValue())
                .body("errors[0].message", containsString(SERVICE))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].path", equalTo(List.of("deploys")));
        graphql(scoped, "{ deploys { id } }", Map.of())
                .body("data", nullValue()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        graphql(scoped, "{ deploys(service: \"" + OTHER + "\") { id service } }", Map.of()).body("errors", nullValue())
                .body("data.deploys", hasSize(1)).body("data.deploys[0].id", equalTo(otherDeployId));
        graphql(scoped, "query($id: ID!) { deploy(id: $id) { service } }", Map.of("id", otherDeployId))
                .body("data.deploy.service", equalTo(OTHER));
    }

    @Test
    void theSameTokensAndRolesAsRest() {
        given().contentType(ContentType.JSON).body(Map.of("query", "{ deploys { id } }")).post("/api/v1/graphql")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        given().auth().oauth2("vgl_not-a-token").contentType(ContentType.JSON).body(Map.of("query", "{ deploys { id } }"))
                .post("/api/v1/graphql").then().statusCode(401);
        rest(As.INGEST).contentType(ContentType.JSON).body(Map.of("query", "{ deploys { id } }")).post("/api/v1/graphql")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        rest(As.FEEDBACK).get("/api/v1/graphql/schema").then().statusCode(403);
        graphql(As.ADMIN, "query($id: ID!) { deploy(id: $id) { id } }", Map.of("id", deployId))
                .body("data.deploy.id", equalTo(deployId));
    }

    @Test
    void aQueryTooDeepOrTooCostlyIsRefusedBeforeItRuns() {
        String nested = "{ __schema { types { fields { type " + "{ ofType ".repeat(20) + "{ name }" + " }".repeat(20)
                + " } } } }";
        graphql(As.VIEWER, nested, Map.of()).body("data", nullValue())
                .body("errors[0].message", containsString("depth"))
                .body("errors[0].extensions.classification", equalTo("ExecutionAborted"));
        // the standard introspection query of GraphQL tools stays within the depth bound
        graphql(As.VIEWER, IntrospectionQuery.INTROSPECTION_QUERY, Map.of()).body("errors", nullValue())
                .body("data.__schema.queryType.name", equalTo("Query"));

        graphql(As.VIEWER, "{ deploys(limit: 50) { id decisions(limit: 20) { checks { name status explanation details } } } }",
                Map.of()).body("data", nullValue()).body("errors[0].message", containsString("complexity"));
    }

    @Test
    void pageSizesAreBoundedAndErrorsNameTheArgumentWithoutInternals() {
        graphql(As.VIEWER, "{ deploys(service: \"" + SERVICE + "\", limit: 500) { id } }", Map.of())
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                .body("errors[0].extensions.argument", equalTo("limit"))
                .body("errors[0].message", containsString("between 1 and 50"));
        graphql(As.VIEWER, "query($id: ID!) { deploy(id: $id) { decisions(limit: 0) { id } } }", Map.of("id", deployId))
                .body("errors[0].extensions.argument", equalTo("limit"));
        graphql(As.VIEWER, "{ deploys(since: \"yesterday\") { id } }", Map.of())
                .body("errors[0].message", containsString("RFC 3339"));

        String bad = graphql(As.VIEWER, "{ deploys { id nosuchfield } ", Map.of()).body("data", nullValue())
                .body("errors", not(hasSize(0))).extract().asString();
        for (String leak : List.of("Exception", "java.", "graphql.", "dev.vigil", "\tat ")) {
            assertFalse(bad.contains(leak), leak + " in " + bad);
        }

        rest(As.VIEWER).contentType(ContentType.JSON).body(Map.of("variables", Map.of())).post("/api/v1/graphql")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("query"));
        rest(As.VIEWER).contentType(ContentType.JSON).body(Map.of("query", "{ deploys { id } }" + " ".repeat(20_000)))
                .post("/api/v1/graphql").then().statusCode(400).body("errors[0].field", equalTo("query"))
                .body("errors[0].reason", equalTo("too_long"));
    }

    @Test
    void theSchemaIsServedForClientGenerators() {
        String sdl = rest(As.VIEWER).get("/api/v1/graphql/schema").then().statusCode(200)
                .contentType(startsWith("text/plain")).extract().asString();
        assertTrue(sdl.contains("type Deploy {"), sdl);
        assertTrue(sdl.contains("deploys(service: String, environment: String, since: DateTime, limit: Int = 20): [Deploy!]!"), sdl);
        assertEquals(1, sdl.split("type Query \\{", -1).length - 1);
        // the served text is the schema the engine runs: introspection names the same query fields
        List<String> fields = rest(As.VIEWER).contentType(ContentType.JSON)
                .body(Map.of("query", "{ __schema { queryType { fields { name } } } }")).post("/api/v1/graphql")
                .then().statusCode(200).extract().path("data.__schema.queryType.fields.name");
        assertEquals(List.of("deploy", "deploys"), fields);
    }

    private static ValidatableResponse graphql(As role, String query, Map<String, Object> variables) {
        return graphql(tokens.get(role), query, variables);
    }

    private static ValidatableResponse graphql(String token, String query, Map<String, Object> variables) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables)).post("/api/v1/graphql")
                .then().statusCode(200).contentType(startsWith("application/json"));
    }

    private static io.restassured.specification.RequestSpecification rest(As role) {
        return given().auth().oauth2(tokens.get(role));
    }

    private static String deployIdOf(String service) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> rest(As.VIEWER).queryParam("service", service)
                .get("/api/v1/deploys").then().statusCode(200).extract().<String>path("items[0].id"), v -> v != null);
    }

    private static String deploy(String service, String version, String commit, String previous, Path repository) {
        return "{\"service\":\"" + service + "\",\"environment\":\"ci\",\"version\":\"" + version + "\",\"commit\":\""
                + commit + "\",\"previousCommit\":\"" + previous + "\",\"repository\":\"" + repository + "\","
                + "\"status\":\"succeeded\",\"startedAt\":\"2026-11-25T04:55:00Z\",\"finishedAt\":\"2026-11-25T04:57:00Z\"}";
    }

    /** One point a minute from T0 on a wave with seeded noise; +300 at 05:00, the last point. */
    private static List<String> metricsSpikingAtFive(String service) {
        Random noise = new Random(11);
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= 300; i++) {
            double v = 100 + 10 * Math.sin(2 * Math.PI * i / 60.0) + noise.nextGaussian() + (i == 300 ? 300 : 0);
            out.add("{\"service\":\"" + service + "\",\"name\":\"widget_level\",\"labels\":{\"pod\":\"p1\"},"
                    + "\"timestamp\":" + (T0 + i * 60_000L) + ",\"value\":" + v + "}");
        }
        return out;
    }

    /** A real repository of two commits; the list is its directory, then the commits oldest first. */
    private static List<String> repository() throws Exception {
        Path dir = Files.createTempDirectory("vigil-gql-repo");
        List<String> out = new ArrayList<>(List.of(dir.toString()));
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            for (int i = 0; i < 2; i++) {
                Files.writeString(dir.resolve("src-" + i + ".txt"), "line\n".repeat(40 * (i + 1)));
                PersonIdent who = new PersonIdent("dev", "dev@example.org",
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 86_400L), ZoneOffset.UTC);
                git.add().addFilepattern(".").call();
                out.add(git.commit().setMessage("change " + i).setAuthor(who).setCommitter(who).call().name());
            }
        }
        return out;
    }
}
