package dev.vigil.ingest.service;

import dev.vigil.ingest.Rejection;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Writes refused records to the dead-letter topic unchanged, with why and where from in headers. Header names
 * follow SmallRye's own dead-letter strategy ({@code dead-letter-reason}, ...) so existing tooling reads them.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private final Emitter<byte[]> dlq;
    private final IngestMetrics metrics;

    public DeadLetterPublisher(@Channel("dlq-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<byte[]> dlq,
            IngestMetrics metrics) {
        this.dlq = dlq;
        this.metrics = metrics;
    }

    /** Completes when the broker has the record (or exceptionally when it could not take it). */
    public CompletableFuture<Void> publish(String kind, byte[] payload, byte[] key, Rejection rejection,
            String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", utf8(rejection.describe()));
        headers.add("dead-letter-cause", utf8(rejection.reason()));
        if (rejection.field() != null) {
            headers.add("dead-letter-field", utf8(rejection.field()));
        }
        headers.add("dead-letter-topic", utf8(topic));
        headers.add("dead-letter-partition", utf8(Integer.toString(partition)));
        headers.add("dead-letter-offset", utf8(Long.toString(offset)));
        headers.add("vigil-kind", utf8(kind));
        AckedMessage dead = AckedMessage.of(payload == null ? new byte[0] : payload,
                OutgoingKafkaRecordMetadata.<byte[]>builder().withKey(key).withHeaders(headers).build());
        dlq.send(dead.message());
        return dead.acked().whenComplete((ok, failure) -> {
            if (failure == null) {
                metrics.deadLettered(kind, rejection.reason());
            } else {
                metrics.deadLetterFailed(kind);
            }
        });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
