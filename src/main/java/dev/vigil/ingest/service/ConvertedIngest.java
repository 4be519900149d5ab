package dev.vigil.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.MetricSample;
import dev.vigil.ingest.ConvertedPoint;
import dev.vigil.ingest.MetricParser;
import dev.vigil.ingest.Parsed;
import dev.vigil.ingest.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The one path for points that came in a foreign format (OTLP, Prometheus remote_write): each converted point
 * meets {@link MetricParser}'s validation, exactly as Vigil's own JSON does; valid ones go to the metrics topic
 * through {@link KafkaForwarder}, invalid ones to the dead-letter topic with their reason. Unlike Vigil's JSON
 * batches this is not all or nothing: both protocols' senders expect the valid part of a request to be kept.
 */
@ApplicationScoped
public class ConvertedIngest {

    private static final Logger LOG = Logger.getLogger(ConvertedIngest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KIND = "metric";

    private final KafkaForwarder forwarder;
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;
    private final MetricParser parser;
    private final int maxRecordBytes;

    public ConvertedIngest(KafkaForwarder forwarder, DeadLetterPublisher deadLetters, IngestMetrics metrics, IngestConfig config,
            MetricParser parser) {
        this.forwarder = forwarder;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.parser = parser;
        this.maxRecordBytes = config.maxRecordBytes();
    }

    /**
     * What became of a request's points: {@code rejected} in request order, each naming where the point was;
     * {@code refusedPoints} how many distinct points of the request they were (an OTLP histogram point stands for
     * several records).
     */
    public record Outcome(int accepted, List<Rejection> rejected, int refusedPoints) {
    }

    /**
     * @param source the edge, as the {@code source} label of {@code vigil_ingest_rejected_total} ({@code otlp}, {@code remote_write})
     * @throws KafkaForwarder.ForwardException when Kafka did not take the valid points; the sender should retry
     */
    public Outcome ingest(String source, List<ConvertedPoint> points) throws KafkaForwarder.ForwardException {
        List<KafkaForwarder.Item> items = new ArrayList<>(points.size());
        List<Rejection> rejected = new ArrayList<>();
        Set<String> refusedPaths = new HashSet<>();
        List<CompletableFuture<Void>> dead = new ArrayList<>();
        for (ConvertedPoint point : points) {
            byte[] json = point.record() == null ? pathOnly(point.path()) : bytes(point.record());
            Rejection rejection = point.rejection() != null ? point.rejection() : check(point, json, items);
            if (rejection != null) {
                rejected.add(rejection);
                refusedPaths.add(point.path());
                metrics.rejected(KIND, source, rejection.reason());
                dead.add(deadLetters.publish(KIND, json, null, rejection, "http:" + source, -1, -1));
            }
        }
        forwarder.forwardMetrics(items);
        awaitDeadLetters(dead);
        return new Outcome(items.size(), rejected, refusedPaths.size());
    }

    /** Adds the point to {@code items} when valid; otherwise says why, naming where in the request it was. */
    private Rejection check(ConvertedPoint point, byte[] json, List<KafkaForwarder.Item> items) {
        if (json.length > maxRecordBytes) {
            return new Rejection(Rejection.PAYLOAD_TOO_LARGE, point.path(), "the point's record has " + json.length
                    + " bytes, more than the limit of " + maxRecordBytes);
        }
        Parsed<MetricSample> parsed = parser.parse(point.record());
        if (parsed.isOk()) {
            items.add(new KafkaForwarder.Item(parsed.value().canonicalKey(), json));
            return null;
        }
        Rejection r = parsed.rejection();
        return new Rejection(r.reason(), r.field() == null ? point.path() : point.path() + " " + r.field(), r.message());
    }

    private static void awaitDeadLetters(List<CompletableFuture<Void>> dead) {
        try {
            CompletableFuture.allOf(dead.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Counted by DeadLetterPublisher (vigil_dlq_failures_total); the answer still names them.
            LOG.warnf("dead letters for refused points not all written: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] pathOnly(String path) {
        return bytes(JSON.createObjectNode().put("path", path));
    }

    private static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON node always serialises", e);
        }
    }
}
