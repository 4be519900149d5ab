package dev.vigil.ingest.service;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A Kafka-bound message paired with a future that completes when the broker has it (or could not take it). */
record AckedMessage(Message<byte[]> message, CompletableFuture<Void> acked) {

    static AckedMessage of(byte[] payload, OutgoingKafkaRecordMetadata<byte[]> metadata) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Message<byte[]> message = Message.of(payload)
                .addMetadata(metadata)
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    done.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        return new AckedMessage(message, done);
    }
}
