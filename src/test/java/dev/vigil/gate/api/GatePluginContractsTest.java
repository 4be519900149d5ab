package dev.vigil.gate.api;

import static dev.vigil.gate.api.GateFixtures.LATENCY;
import static dev.vigil.gate.api.GateFixtures.ingest;
import static dev.vigil.gate.api.GateFixtures.series;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped Flagger and Argo Rollouts definitions against the running gate: Flagger's webhook gets 200 to go on
 * and 412 to halt; Argo's web provider gets JSON whose {$.verdict} its success/failure conditions read.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class GatePluginContractsTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
    static ApiTokens tokens;
    String good;
    String bad;

    @BeforeEach
    void setUp() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
        String s = UUID.randomUUID().toString().substring(0, 8);
        good = "good-" + s;
        bad = "bad-" + s;
    }

    /** A healthy canary for {@code good} and a slower one for {@code bad}, labelled as the examples label them. */
    private void canaries(String label, String baseline, String canary) {
        List<String> items = new ArrayList<>();
        items.addAll(series(good, LATENCY, Map.of(label, baseline), 30, 0.1, 0.01, 1));
        items.addAll(series(good, LATENCY, Map.of(label, canary), 30, 0.1, 0.01, 2));
        ingest(tokens, good, items, 2);
        items.clear();
        items.addAll(series(bad, LATENCY, Map.of(label, baseline), 30, 0.1, 0.01, 3));
        items.addAll(series(bad, LATENCY, Map.of(label, canary), 30, 0.25, 0.01, 4));
        ingest(tokens, bad, items, 2);
    }

    /** The confirm-promotion webhook of pipeline-plugins/flagger/canary-webhooks.yaml, as Flagger would POST it. */
    private String flaggerBody(String name, Map<String, String> overrides) throws Exception {
        JsonNode canary = YAML.readTree(Path.of("pipeline-plugins/flagger/canary-webhooks.yaml").toFile());
        JsonNode hook = canary.at("/spec/analysis/webhooks/1");
        assertEquals("confirm-promotion", hook.get("type").asText());
        Map<String, String> metadata = new LinkedHashMap<>();
        hook.get("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        metadata.remove("policy");
        metadata.putAll(overrides);
        metadata.values().removeIf(v -> v == null || v.isEmpty());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("namespace", "shop");
        body.put("phase", "Progressing");
        body.put("checksum", "85d557f47b");
        body.put("metadata", metadata);
        return JSON.writeValueAsString(body);
    }

    private RequestSpecification flagger() {
        return given().contentType(ContentType.JSON); // Flagger sends no Authorization header
    }

    @Test
    void flaggerProceedsOnPassAndHaltsOtherwise() throws Exception {
        canaries("track", "primary", "canary");
        String token = tokens.get(As.GATE);
        flagger().body(flaggerBody(good, Map.of("token", token))).post("/api/v1/gates/flagger")
                .then().statusCode(200).contentType(startsWith("text/plain")).body(startsWith("verdict: PASS\n"));
        flagger().body(flaggerBody(bad, Map.of("token", token))).post("/api/v1/gates/flagger")
                .then().statusCode(412).contentType(startsWith("text/plain")).body(startsWith("verdict: FAIL\n"))
                .body(containsString("check: canary FAIL (canary, critical)"));
        // without canary data (another service) the judge is inconclusive: halt too
        flagger().body(flaggerBody("nodata-" + good, Map.of("token", token))).post("/api/v1/gates/flagger")
                .then().statusCode(412).body(startsWith("verdict: INCONCLUSIVE\n"));
    }

    @Test
    void flaggerAuthenticationAndPayloadErrors() throws Exception {
        Map<String, String> noToken = new LinkedHashMap<>();
        noToken.put("token", "");
        flagger().body(flaggerBody(good, noToken)).post("/api/v1/gates/flagger").then().statusCode(401);
        flagger().body(flaggerBody(good, Map.of("token", "vgl_not-a-token"))).post("/api/v1/gates/flagger")
                .then().statusCode(401);
        flagger().body(flaggerBody(good, Map.of("token", tokens.get(As.VIEWER)))).post("/api/v1/gates/flagger")
                .then().statusCode(403);
        flagger().body(flaggerBody(good, Map.of("token", tokens.get(As.GATE), "colour", "blue")))
                .post("/api/v1/gates/flagger").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("colour"));
        Map<String, String> noBaseline = new LinkedHashMap<>();
        noBaseline.put("token", tokens.get(As.GATE));
        noBaseline.put("baseline", "");
        flagger().body(flaggerBody(good, noBaseline)).post("/api/v1/gates/flagger").then().statusCode(400)
                .body("detail", containsString("metadata.baseline"));
        flagger().body("{\"hello\":\"world\"}").post("/api/v1/gates/flagger").then().statusCode(400);
        // the header works too, for callers that can send one
        given().auth().oauth2(tokens.get(As.GATE)).contentType(ContentType.JSON)
                .body(flaggerBody(good, noToken)).post("/api/v1/gates/flagger").then().statusCode(412);
    }

    /** pipeline-plugins/argo-rollouts/analysis-template.yaml's web metric with its arguments filled in. */
    private String argoVerdict(String service) throws Exception {
        JsonNode template = YAML.readTree(Path.of("pipeline-plugins/argo-rollouts/analysis-template.yaml").toFile());
        JsonNode web = template.at("/spec/metrics/0/provider/web");
        assertEquals("POST", web.get("method").asText());
        assertEquals("{$.verdict}", web.get("jsonPath").asText());
        // canary-label and window keep the template's defaults, so the shipped default label is what is tested.
        Map<String, String> args = new java.util.HashMap<>();
        template.at("/spec/args").forEach(a -> {
            if (a.has("value")) {
                args.put(a.get("name").asText(), a.get("value").asText());
            }
        });
        args.putAll(Map.of("service", service, "environment", "prod", "version", "1.5.0",
                "commit", "9f1c2ab4e", "baseline-hash", "6b8f7c9d5", "canary-hash", "7d4c2b1a9",
                "vigil-token", tokens.get(As.GATE)));
        String body = fill(web.get("body").asText(), args);
        RequestSpecification request = given().body(body);
        for (JsonNode h : web.get("headers")) {
            request = request.header(h.get("key").asText(), fill(h.get("value").asText(), args));
        }
        String url = web.get("url").asText().replace("{{args.vigil-url}}", "");
        String response = request.post(url).then().statusCode(200).contentType(startsWith("application/json"))
                .body("verdict", org.hamcrest.Matchers.notNullValue()).extract().asString();
        return JSON.readTree(response).get("verdict").asText();
    }

    private static String fill(String text, Map<String, String> args) {
        String out = text;
        for (Map.Entry<String, String> a : args.entrySet()) {
            out = out.replace("{{args." + a.getKey() + "}}", a.getValue());
        }
        return out;
    }

    @Test
    void argoRolloutsWebProviderReadsTheVerdict() throws Exception {
        // Prometheus label names cannot contain '-': kube-state-metrics/relabelling exposes the pod template hash
        // as rollouts_pod_template_hash, so that is the template's default canary-label.
        canaries("rollouts_pod_template_hash", "6b8f7c9d5", "7d4c2b1a9");
        JsonNode metric = YAML.readTree(Path.of("pipeline-plugins/argo-rollouts/analysis-template.yaml").toFile())
                .at("/spec/metrics/0");
        assertEquals("result == \"PASS\"", metric.get("successCondition").asText());
        assertEquals("result == \"FAIL\"", metric.get("failureCondition").asText());
        assertEquals("PASS", argoVerdict(good));
        assertEquals("FAIL", argoVerdict(bad));
        assertEquals("INCONCLUSIVE", argoVerdict("nodata-" + good));
    }

    @Test
    void theCliIsServedWithoutAToken() {
        given().get("/cli/vigil-gate").then().statusCode(200).body(startsWith("#!/bin/sh"));
        given().auth().oauth2(tokens.get(As.VIEWER)).get("/cli/vigil-gate").then().statusCode(200);
        given().get("/api/v1/decisions").then().statusCode(401);
        given().auth().oauth2(tokens.get(As.GATE)).get("/api/v1/decisions").then().statusCode(200)
                .body("limit", equalTo(100));
    }
}
