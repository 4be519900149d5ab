package dev.vigil.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testing.VigilTestResource;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app learns a series, is stopped (SIGTERM: detector state is checkpointed at shutdown) and started
 * again on the same data directory. The very first point after the restart is a spike, and it opens an anomaly:
 * a detector starting from nothing would still be warming up (150 points) and could not judge it. And it is judged
 * at once: readiness turns UP only when the consumers have their partitions again, also after a {@code kill -9}.
 */
class DetectionRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("^(vgl_[A-Za-z0-9_-]{20,})$", Pattern.MULTILINE);
    /** Two days ago on a whole minute: inside the window of times Vigil accepts (at most 30 days old, by default). */
    private static final long T0 = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
    private static final int LEARNT = 300;

    @TempDir
    Path workDir;

    @Test
    void aRestartedVigilScoresTheSameSeriesWithoutANewWarmUp() throws Exception {
        int http = VigilTestResource.freePort();
        int kafka = VigilTestResource.freePort();
        int controller = VigilTestResource.freePort();
        String token;
        try (VigilProcess vigil = VigilProcess.start(workDir, "first.log", http, kafka, controller)) {
            vigil.awaitReady();
            Matcher m = TOKEN.matcher(vigil.output());
            assertTrue(m.find(), "first start prints an admin token");
            token = m.group(1);
            produce("localhost:" + kafka, 0, LEARNT, -1);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> sampleCount(vigil, token) == LEARNT);
            assertEquals(0, total(vigil, token), "normal data, no anomaly");
            stopCleanly(vigil);
        }

        try (VigilProcess again = VigilProcess.start(workDir, "second.log", http, kafka, controller)) {
            again.awaitReady();
            produce("localhost:" + kafka, LEARNT, LEARNT + 10, LEARNT);
            // Readiness waits for the consumers' partitions and the consumers rejoin as the same static members,
            // so what is sent when readiness turns UP is scored at once (it took 45-78 s before).
            await("points sent at readiness scored within 5 s").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100)).until(() -> scored(again) >= 10);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> total(again, token) == 1);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no anomaly after the restart; metrics:\n"
                        + again.get("/q/metrics", null).body().lines().filter(l -> l.startsWith("vigil_detect")).toList()
                        + "\nfirst run:\n" + tail(workDir.resolve("first.log")) + "\nsecond run:\n" + tail(workDir.resolve("second.log")), e);
            }
            JsonNode anomaly = body(again.get("/api/v1/anomalies?service=restart-det", token)).get("items").get(0);
            assertEquals(Instant.ofEpochMilli(T0 + LEARNT * 60_000L), Instant.parse(anomaly.get("startedAt").asText()),
                    "the first point after the restart was judged");
            String metrics = again.get("/q/metrics", null).body();
            assertTrue(metrics.contains("vigil_detect_series_restored_total 1.0"), "resumed from its checkpoint");
            again.kill();
        }

        try (VigilProcess afterKill = VigilProcess.start(workDir, "third.log", http, kafka, controller)) {
            afterKill.awaitReady();
            produce("localhost:" + kafka, LEARNT + 10, LEARNT + 20, -1);
            // After kill -9 the old consumers never left their group; as static members the new ones take over at once.
            await("points sent at readiness after a kill -9 scored within 5 s").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100)).until(() -> scored(afterKill) >= 10);
            stopCleanly(afterKill);
        }
    }

    /** SIGTERM; the JVM may report 143 (128 + SIGTERM) after a clean Quarkus shutdown, so the log is checked too. */
    private static void stopCleanly(VigilProcess vigil) throws Exception {
        int code = vigil.stop();
        assertTrue(code == 0 || code == 143, "exit code " + code);
        assertTrue(vigil.output().contains("vigil stopped in"), "a clean shutdown (checkpoints written)");
        assertFalse(vigil.output().contains("could not be established"),
                "the Kafka clients closed before the embedded broker, without retrying it");
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(log).stream().filter(l -> !l.contains("NetworkClient")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static long sampleCount(VigilProcess vigil, String token) throws Exception {
        JsonNode page = body(vigil.get("/api/v1/series?service=restart-det", token));
        long sum = 0;
        for (JsonNode item : page.get("items")) {
            sum += item.get("count").asLong();
        }
        return sum;
    }

    /** Points scored since this process started ({@code vigil_detect_points_scored_total}). */
    private static double scored(VigilProcess vigil) throws Exception {
        return vigil.get("/q/metrics", null).body().lines()
                .filter(l -> l.startsWith("vigil_detect_points_scored_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static long total(VigilProcess vigil, String token) throws Exception {
        return body(vigil.get("/api/v1/anomalies?service=restart-det", token)).get("total").asLong();
    }

    private static JsonNode body(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static void produce(String bootstrap, int from, int to, int spikeAt) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 10);
        Random noise = new Random(11 + from);
        byte[] seriesKey = "restart-det|widget_level|pod=p1".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = from; i < to; i++) {
                double v = 100 + 10 * Math.sin(2 * Math.PI * i / 60.0) + noise.nextGaussian() + (i == spikeAt ? 300 : 0);
                String json = "{\"service\":\"restart-det\",\"name\":\"widget_level\",\"labels\":{\"pod\":\"p1\"},"
                        + "\"timestamp\":" + (T0 + i * 60_000L) + ",\"value\":" + v + "}";
                // Keyed by series, as a producer should: one partition keeps the points in order.
                sent.add(producer.send(new ProducerRecord<>("vigil.metrics", seriesKey, json.getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
    }
}
