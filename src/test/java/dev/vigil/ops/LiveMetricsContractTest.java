package dev.vigil.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.predict.service.GitFixture;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dashboards and alert rules name only metrics a running Vigil exports: this scrapes the live app after
 * driving ingest (accepted and rejected), detection (a spike that opens an anomaly), a gate decision and a failure
 * prediction (a gate's failure-probability check over a local repository), and
 * compares with every name grafana/ and the rule files use (less grafana/metrics-pending.txt).
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class LiveMetricsContractTest {

    static final long T0 = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();

    @Test
    void everyMetricTheDashboardsAndRulesUseIsExported() throws Exception {
        ApiTokens tokens = ApiTokens.issue();
        String service = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.produce("vigil.metrics", spikeAtTheEnd(service));
        TestKafka.produce("vigil.metrics", List.of("not json"));
        await().atMost(Duration.ofSeconds(90)).until(() -> given().auth().oauth2(tokens.get(As.VIEWER))
                .queryParam("service", service).get("/api/v1/anomalies")
                .then().statusCode(200).extract().<Integer>path("total") > 0);
        given().auth().oauth2(tokens.get(As.GATE)).contentType(ContentType.JSON)
                .body("{\"service\":\"" + service + "\",\"environment\":\"ci\",\"version\":\"1.0\",\"commit\":\"abc\"}")
                .post("/api/v1/gates/evaluate").then().statusCode(200);
        GitFixture repo = GitFixture.create(); // a failure-probability check predicts the release: the prediction gauges
        given().auth().oauth2(tokens.get(As.GATE)).contentType(ContentType.JSON)
                .body("{\"service\":\"" + service + "\",\"environment\":\"failure-risk\",\"version\":\"2.0\",\"commit\":\""
                        + repo.c(3) + "\",\"previousCommit\":\"" + repo.c(0) + "\",\"repository\":\"" + repo.dir + "\"}")
                .post("/api/v1/gates/evaluate").then().statusCode(200);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertEquals(List.of(), MetricNames.problems(given().get("/q/metrics").then().statusCode(200).extract().asString())));
    }

    private static List<String> spikeAtTheEnd(String service) {
        Random noise = new Random(7);
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= 300; i++) {
            double v = 100 + 10 * Math.sin(2 * Math.PI * i / 60.0) + noise.nextGaussian() + (i == 300 ? 300 : 0);
            out.add("{\"service\":\"" + service + "\",\"name\":\"widget_level\",\"labels\":{\"pod\":\"p1\"},"
                    + "\"timestamp\":" + (T0 + i * 60_000L) + ",\"value\":" + v + "}");
        }
        return out;
    }
}
