package dev.vigil.gate.api;

import static dev.vigil.gate.api.GateFixtures.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.PrometheusTestResource;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Checks with {@code source: prometheus} answered by a real Prometheus server, which scrapes an exporter whose values
 * the test sets (PrometheusTestResource); policies prometheus.yaml and prometheus-unavailable.yaml.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
@QuarkusTestResource(PrometheusTestResource.class)
@EnabledIf("dev.vigil.testing.PrometheusTestResource#installed")
class PrometheusGateTest {

    static ApiTokens tokens;
    static final String CANARY_WINDOW = ",\"canary\":{\"label\":\"track\",\"baseline\":\"baseline\","
            + "\"canary\":\"canary\",\"window\":\"PT20S\"}";

    /** Once, when the app and Prometheus run (a @BeforeAll would run before Quarkus restarts with this resource). */
    @BeforeEach
    void exposeAndWaitForScrapes() {
        if (tokens != null) {
            return;
        }
        PrometheusTestResource.expose("test_latency_seconds{service=\"prom-good\",track=\"baseline\"}", 0.100, 0.005);
        PrometheusTestResource.expose("test_latency_seconds{service=\"prom-good\",track=\"canary\"}", 0.100, 0.005);
        PrometheusTestResource.expose("test_latency_seconds{service=\"prom-bad\",track=\"baseline\"}", 0.100, 0.005);
        PrometheusTestResource.expose("test_latency_seconds{service=\"prom-bad\",track=\"canary\"}", 0.200, 0.010);
        PrometheusTestResource.expose("test_error_ratio{service=\"prom-good\"}", 0.001, 0.0);
        PrometheusTestResource.expose("test_error_ratio{service=\"prom-bad\"}", 0.05, 0.0);
        // the canary window is 20 s: wait until Prometheus holds that much of every series (1 scrape a second)
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String fewest = given().baseUri(PrometheusTestResource.url().toString())
                    .queryParam("query", "min(count_over_time({__name__=~\"test_.*\"}[20s]))")
                    .get("/api/v1/query").then().statusCode(200).extract().path("data.result[0].value[1]");
            return fewest != null && Double.parseDouble(fewest) >= 18;
        });
        tokens = ApiTokens.issue();
    }

    private RequestSpecification as(As role) {
        return given().auth().oauth2(tokens.get(role)).contentType(ContentType.JSON);
    }

    @Test
    void aHealthyCanaryAndSloPassFromPrometheus() {
        as(As.GATE).body(request(null, "prom-good", "prom", CANARY_WINDOW)).post("/api/v1/gates/evaluate")
                .then().statusCode(200).body("verdict", equalTo("PASS"))
                .body("checks[0].name", equalTo("canary")).body("checks[0].status", equalTo("PASS"))
                .body("checks[0].explanation", startsWith("from Prometheus 'default': canary track=canary"))
                .body("checks[1].name", equalTo("error-ratio")).body("checks[1].status", equalTo("PASS"))
                .body("checks[1].observed", equalTo(0.001f));
    }

    @Test
    void aSlowerCanaryAndAHighErrorRatioFailFromPrometheusWithTheirReasons() {
        Response r = as(As.GATE).body(request(null, "prom-bad", "prom", CANARY_WINDOW)).post("/api/v1/gates/evaluate");
        r.then().statusCode(200).body("verdict", equalTo("FAIL"))
                .body("reason", containsString("critical check failed: canary"))
                .body("checks[0].status", equalTo("FAIL"))
                .body("checks[0].details", hasItem(startsWith("latency: high")))
                .body("checks[1].status", equalTo("FAIL"))
                .body("checks[1].observed", equalTo(0.05f))
                .body("checks[1].explanation", startsWith("max of `max(test_error_ratio{service=\"${service}\"})` "
                        + "from Prometheus 'default' over the last PT20S is 0.05000"));
    }

    @Test
    void aProviderThatIsDownSlowRefusingEmptyOrTooLargeMakesEachCheckInconclusiveWithItsReason() {
        Response r = as(As.GATE).body(request(null, "prom-good", "prom-down", "")).post("/api/v1/gates/evaluate");
        r.then().statusCode(200).body("verdict", equalTo("INCONCLUSIVE"))
                .body("checks.status", equalTo(List.of("INCONCLUSIVE", "INCONCLUSIVE", "INCONCLUSIVE", "INCONCLUSIVE",
                        "INCONCLUSIVE")))
                .body("checks[0].explanation", startsWith("Prometheus 'down' (http://127.0.0.1:"))
                .body("checks[0].explanation", containsString("is unreachable"))
                .body("checks[1].explanation", containsString("did not answer within PT0.5S"))
                .body("checks[2].explanation", containsString("refused the query (HTTP 400, bad_data)"))
                .body("checks[3].explanation", startsWith("no samples for avg of `max(test_metric_nobody_exports)` "
                        + "from Prometheus 'default'"))
                .body("checks[4].explanation", containsString("answered more than 64 bytes (max-response-bytes)"));
        String text = as(As.GATE).accept("text/plain")
                .body(request(null, "prom-good", "prom-down", "")).post("/api/v1/gates/evaluate")
                .then().statusCode(200).extract().asString();
        assertTrue(text.startsWith("verdict: INCONCLUSIVE\n"), text);
        assertTrue(!text.contains(PrometheusTestResource.SECRET), "a provider's credentials never show: " + text);
    }
}
