package dev.vigil.ingest.service;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Puts items accepted over HTTP onto the same topics the Kafka producers use, so that one consumer path (and
 * one partitioning by series) handles both. A header marks them as having come through HTTP.
 */
@ApplicationScoped
public class KafkaForwarder {

    /** Header naming the edge a record came through; the consumer uses it for the {@code source} metric label. */
    public static final String SOURCE_HEADER = "vigil-source";

    /** One record to forward: the item's JSON as received, and the key that picks its partition. */
    public record Item(String key, byte[] json) {
    }

    private final Emitter<byte[]> metrics;
    private final Emitter<byte[]> deploys;

    public KafkaForwarder(
            @Channel("metrics-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20000) Emitter<byte[]> metrics,
            @Channel("deploys-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20000) Emitter<byte[]> deploys) {
        this.metrics = metrics;
        this.deploys = deploys;
    }

    public void forwardMetrics(List<Item> items) throws ForwardException {
        forward(metrics, items);
    }

    public void forwardDeploys(List<Item> items) throws ForwardException {
        forward(deploys, items);
    }

    private static void forward(Emitter<byte[]> emitter, List<Item> items) throws ForwardException {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[items.size()];
        for (int i = 0; i < items.size(); i++) {
            acks[i] = send(emitter, items.get(i));
        }
        try {
            CompletableFuture.allOf(acks).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ForwardException("Kafka did not take the batch: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForwardException("interrupted while waiting for Kafka");
        }
    }

    private static CompletableFuture<Void> send(Emitter<byte[]> emitter, Item item) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SOURCE_HEADER, "http".getBytes(StandardCharsets.UTF_8));
        AckedMessage forwarded = AckedMessage.of(item.json(), OutgoingKafkaRecordMetadata.<byte[]>builder()
                .withKey(item.key().getBytes(StandardCharsets.UTF_8)).withHeaders(headers).build());
        emitter.send(forwarded.message());
        return forwarded.acked();
    }

    /** Kafka could not take a batch; nothing of it should be reported as accepted. */
    public static final class ForwardException extends Exception {
        public ForwardException(String message) {
            super(message);
        }
    }
}
