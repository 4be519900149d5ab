package dev.vigil.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testing.VigilTestResource;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app on embedded defaults: comes up ready with no outside services, prints an admin token on
 * first start only, counts 10,000 samples produced to vigil.metrics, and keeps everything across a restart on
 * the same ./data; after a {@code kill -9} that lost counts Kafka had already marked as processed, it counts them
 * again, exactly once.
 */
class RestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("^(vgl_[A-Za-z0-9_-]{20,})$", Pattern.MULTILINE);
    private static final int SAMPLES = 10_000;
    private static final int SERIES = 100;
    /** A day ago: samples must be inside the window of times Vigil accepts (at most 30 days old, by default). */
    private static final long T0 = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).toEpochMilli();

    @TempDir
    Path workDir;

    @Test
    void keepsDeploysSeriesAndTokensAcrossARestartOnTheSameDataDirectory() throws Exception {
        int http = VigilTestResource.freePort();
        int kafka = VigilTestResource.freePort();
        int controller = VigilTestResource.freePort();
        String token;
        try (VigilProcess vigil = VigilProcess.start(workDir, "first.log", http, kafka, controller)) {
            vigil.awaitReady();
            Matcher m = TOKEN.matcher(vigil.output());
            assertTrue(m.find(), "first start prints an admin token");
            token = m.group(1);
            produceSamplesAndDeploys("localhost:" + kafka);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> countedSamples(vigil, token) == SAMPLES);
            int exit = vigil.stop();
            // The JVM reports 128 + 15 after a SIGTERM even when every shutdown hook ran.
            assertTrue(exit == 0 || exit == 143, "clean exit after SIGTERM, got " + exit);
        }
        assertTrue(Files.isDirectory(workDir.resolve("data/kafka")) && Files.isDirectory(workDir.resolve("data/db")));

        try (VigilProcess again = VigilProcess.start(workDir, "second.log", http, kafka, controller)) {
            again.awaitReady();
            assertFalse(TOKEN.matcher(again.output()).find(), "no new admin token on a second start");
            assertEquals(SAMPLES, countedSamples(again, token), "the first token still works and the series are all there");
            JsonNode deploys = body(again.get("/api/v1/deploys?service=restart-svc", token));
            assertEquals(1, deploys.get("total").asInt());
            assertEquals("succeeded", deploys.get("items").get(0).get("status").asText());
            again.stop();
        }

        // A run whose series counts are never flushed on schedule, killed with kill -9 once Kafka has committed every
        // offset: the counts it held in memory are gone, and Kafka's committed offsets say they were processed.
        try (VigilProcess unflushed = VigilProcess.start(workDir, "third.log", http, kafka, controller,
                List.of("-Dvigil.ingest.series-flush-interval=1h"))) {
            unflushed.awaitReady();
            produceSamples("localhost:" + kafka, SAMPLES, SAMPLES);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> everyOffsetCommitted("localhost:" + kafka));
            unflushed.kill();
        }

        try (VigilProcess afterKill = VigilProcess.start(workDir, "fourth.log", http, kafka, controller)) {
            afterKill.awaitReady();
            // It resumes from the offsets stored with the counts, not from Kafka's: the lost counts are made again.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> countedSamples(afterKill, token) >= 2 * SAMPLES);
            // ... and only once: over the next flushes the count stays exact.
            await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> countedSamples(afterKill, token) == 2 * SAMPLES);
            afterKill.stop();
        }
    }

    /** True when the group {@code vigil} has committed, on every partition of vigil.metrics, the end offset. */
    private static boolean everyOffsetCommitted(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("vigil")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            int partitions = admin.describeTopics(List.of("vigil.metrics")).allTopicNames().get()
                    .get("vigil.metrics").partitions().size();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition("vigil.metrics", p), OffsetSpec.latest());
            }
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata c = committed.get(end.getKey());
                if (end.getValue().offset() > 0 && (c == null || c.offset() < end.getValue().offset())) {
                    return false;
                }
            }
            return true;
        }
    }

    private static long countedSamples(VigilProcess vigil, String token) throws Exception {
        JsonNode page = body(vigil.get("/api/v1/series?service=restart-svc&limit=1000", token));
        long sum = 0;
        for (JsonNode item : page.get("items")) {
            sum += item.get("count").asLong();
        }
        assertNotNull(page.get("total"));
        return sum;
    }

    private static JsonNode body(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** Samples {@code from} .. {@code from + count - 1} of 100 series, one second apart (none repeats another). */
    private static void produceSamples(String bootstrap, int from, int count) throws Exception {
        produce(bootstrap, from, count, false);
    }

    private static void produceSamplesAndDeploys(String bootstrap) throws Exception {
        produce(bootstrap, 0, SAMPLES, true);
    }

    private static void produce(String bootstrap, int from, int count, boolean withDeploy) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 10);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                String json = "{\"service\":\"restart-svc\",\"name\":\"requests\",\"labels\":{\"pod\":\"p" + (i % SERIES)
                        + "\"},\"timestamp\":" + (T0 + i * 1000L) + ",\"value\":" + i + "}";
                sent.add(producer.send(new ProducerRecord<>("vigil.metrics", json.getBytes(StandardCharsets.UTF_8))));
            }
            if (withDeploy) {
                sent.add(producer.send(new ProducerRecord<>("vigil.deploys", ("{\"service\":\"restart-svc\",\"environment\":\"prod\","
                        + "\"version\":\"1.0\",\"status\":\"succeeded\",\"finishedAt\":\"2026-11-25T07:00:00Z\"}").getBytes(StandardCharsets.UTF_8))));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        }
    }
}
