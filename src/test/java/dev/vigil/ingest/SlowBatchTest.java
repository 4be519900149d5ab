package dev.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.ingest.service.DerivedState;
import dev.vigil.ingest.service.SeriesFlush;
import dev.vigil.ingest.service.SeriesRegistry;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.TestKafka;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch of the metrics consumer that takes longer than SmallRye's unprocessed-record age (1.5 s for every channel
 * in the test profile, 60 s by default) must slow ingest down, not end it: before the commit strategy's age check was
 * turned off on Vigil's channels, such a batch marked the channel failed for good and nothing was consumed after it.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class SlowBatchTest {

    private static final Pattern RUNNING = Pattern.compile(
            "(?m)^vigil_ingest_batch_running_seconds\\{[^}]*kind=\"metric\"[^}]*} (\\S+)$");

    static ApiTokens tokens;

    @Inject
    SeriesRegistry registry;

    @BeforeEach
    void tokens() {
        // Not in @BeforeAll: RestAssured learns the test port only before each test.
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
    }

    @Test
    void theMetricsConsumerGoesOnAfterABatchOutlastsTheUnprocessedRecordAge() throws Exception {
        long maxAgeMs = ConfigProvider.getConfig().getValue(
                "mp.messaging.connector.smallrye-kafka.throttled.unprocessed-record-max-age.ms", Long.class);
        long checkEveryMs = ConfigProvider.getConfig().getValue(
                "mp.messaging.connector.smallrye-kafka.auto.commit.interval.ms", Long.class);
        String service = "slow-" + UUID.randomUUID().toString().substring(0, 8);
        Instant from = Instant.now().minus(Duration.ofHours(1));

        // The registry captures derived state under the lock every batch takes (so that no batch runs while it is
        // captured): a capture that waits holds every batch of the metrics consumer for as long as it waits.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DerivedState waiting = new DerivedState() {
            @Override
            public Capture capture() {
                held.countDown();
                try {
                    release.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return NOTHING;
            }

            @Override
            public void discard() {
            }
        };
        // Held until the batch has waited past the age, and the check has run since: with the age check on, the
        // channel is failed by then.
        double stalledFor = (2 * maxAgeMs + checkEveryMs) / 1000.0;
        CompletableFuture<SeriesFlush> drain = CompletableFuture.supplyAsync(() -> registry.drain(waiting));
        try {
            assertTrue(held.await(30, TimeUnit.SECONDS), "the drain holds the registry's lock");
            TestKafka.produce("vigil.metrics", samples(service, from, 0, 50));
            await().atMost(Duration.ofSeconds(60)).until(() -> metricBatchRunningSeconds() >= stalledFor);
            TestKafka.produce("vigil.metrics", samples(service, from, 50, 50)); // queued behind the slow batch
        } finally {
            release.countDown();
            // What the test drained goes back, as a failed flush's would: nothing of other tests' counts is lost.
            registry.restore(drain.get(30, TimeUnit.SECONDS));
        }
        TestKafka.produce("vigil.metrics", samples(service, from, 100, 50)); // after the stall

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(tokens.get(ApiTokens.As.VIEWER))
                .queryParam("service", service).get("/api/v1/series")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].count", equalTo(150)));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        await().atMost(Duration.ofSeconds(10)).until(() -> metricBatchRunningSeconds() == 0);
    }

    private static List<String> samples(String service, Instant from, int first, int count) {
        List<String> values = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            values.add("{\"service\":\"" + service + "\",\"name\":\"queue_depth\",\"timestamp\":"
                    + from.plusSeconds(i).toEpochMilli() + ",\"value\":" + i + "}");
        }
        return values;
    }

    /** The stall as Vigil reports it at /q/metrics (the scrape must not need the lock the test holds). */
    private static double metricBatchRunningSeconds() {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = RUNNING.matcher(scrape);
        assertTrue(m.find(), "vigil_ingest_batch_running_seconds{kind=\"metric\"} is exported");
        return Double.parseDouble(m.group(1));
    }
}
