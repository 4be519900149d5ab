package dev.vigil.detect.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.anomaly.ProbableCause;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes anomaly changes to {@code vigil.anomalies} (channel {@code anomalies-out}) as JSON, keyed by the
 * series' canonical key so that the changes of one series stay in order on one partition.
 */
@ApplicationScoped
public class AnomalyPublisher {

    private static final Logger LOG = Logger.getLogger(AnomalyPublisher.class);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * The wire format of one message on {@code vigil.anomalies}; {@code probableCause} is set on an {@code opened}
     * message whose anomaly was attributed to a deploy, null otherwise.
     */
    public record Message(String type, String id, String seriesId, String service, String metric, Map<String, String> labels,
            String detector, String status, String severity, Instant startedAt, Instant updatedAt, Instant endedAt,
            double peakScore, double observed, double expected, double lower, double upper, String component,
            ProbableCause probableCause) {

        static Message of(AnomalyChange change) {
            AnomalyRecord a = change.anomaly();
            return new Message(change.type(), a.id(), a.seriesId(), a.service(), a.metric(), a.labels(), a.detector(),
                    a.status().wire(), a.severity().wireName(), a.startedAt(), a.updatedAt(), a.endedAt(), a.peakScore(), a.observed(),
                    a.expected(), a.lower(), a.upper(), a.component(), change.probableCause());
        }
    }

    private final Emitter<byte[]> emitter;

    public AnomalyPublisher(@Channel("anomalies-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public void publish(AnomalyChange change) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Message.of(change));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an anomaly always serialises", e);
        }
        try {
            emitter.send(org.eclipse.microprofile.reactive.messaging.Message.of(body).addMetadata(
                    OutgoingKafkaRecordMetadata.<byte[]>builder()
                            .withKey(change.seriesKey().getBytes(StandardCharsets.UTF_8)).build()));
        } catch (RuntimeException e) {
            LOG.warnf("could not publish anomaly %s (%s): %s", change.anomaly().id(), change.type(), e.toString());
        }
    }
}
