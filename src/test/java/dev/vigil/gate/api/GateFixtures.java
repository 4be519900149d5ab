package dev.vigil.gate.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/** Metric data for gate tests (here and in dev.vigil.plugins), sent through the real HTTP ingest (and so through Kafka) into the running app. */
public final class GateFixtures {

    public static final String LATENCY = "http_server_request_duration_seconds";
    public static final String ERRORS = "http_server_error_ratio";

    private GateFixtures() {
    }

    /** {@code count} samples of one series over the last minutes, values from {@code mean} with seeded noise. */
    public static List<String> series(String service, String metric, Map<String, String> labels, int count, double mean,
                               double noise, long seed) {
        Random random = new Random(seed);
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        String labelJson = labels.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double v = Math.max(0, mean + noise * random.nextGaussian());
            items.add("{\"service\":\"" + service + "\",\"name\":\"" + metric + "\",\"labels\":" + labelJson
                    + ",\"timestamp\":\"" + end.minusSeconds(10L * (count - 1 - i)) + "\",\"value\":" + v + "}");
        }
        return items;
    }

    /** Sends the samples and waits until the app has taken in {@code series} series with all of them, and stored them. */
    public static void ingest(ApiTokens tokens, String service, List<String> items, int seriesCount) {
        given().auth().oauth2(tokens.get(As.INGEST)).contentType(ContentType.JSON)
                .body("[" + String.join(",", items) + "]")
                .post("/api/v1/ingest/metrics").then().statusCode(202).body("accepted", equalTo(items.size()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            List<Integer> counts = given().auth().oauth2(tokens.get(As.VIEWER)).queryParam("service", service)
                    .get("/api/v1/series").then().statusCode(200).extract().path("items.count");
            org.junit.jupiter.api.Assertions.assertEquals(seriesCount, counts.size());
            org.junit.jupiter.api.Assertions.assertEquals(items.size(), counts.stream().mapToInt(Integer::intValue).sum());
        });
        awaitRollupsStored();
    }

    /** Waits until the scheduled flush has stored every open rollup: the gate reads them from the database. */
    static void awaitRollupsStored() {
        java.util.regex.Pattern noneOpen = java.util.regex.Pattern.compile("(?m)^vigil_gate_rollups_open 0\\.0$");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                noneOpen.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString()).find());
    }

    static String request(String requestId, String service, String environment, String extra) {
        return "{" + (requestId == null ? "" : "\"requestId\":\"" + requestId + "\",") + "\"service\":\"" + service
                + "\",\"environment\":\"" + environment + "\",\"version\":\"1.5.0\",\"commit\":\"9f1c2ab4e\"" + extra + "}";
    }

    static String canaryBlock(String waitFor) {
        return ",\"canary\":{\"label\":\"track\",\"baseline\":\"baseline\",\"canary\":\"canary\",\"window\":\"PT15M\""
                + (waitFor == null ? "" : ",\"waitFor\":\"" + waitFor + "\"") + "}";
    }
}
