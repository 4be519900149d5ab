package dev.vigil.ingest.service;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * What each of Vigil's consumers owns right now. A consumer that has not yet been given its partitions reads nothing;
 * until every consumer has joined its group (been assigned, possibly no partition when there are more replicas than
 * partitions), readiness is DOWN ({@link ConsumerReadiness}), so a sample sent when readiness turns UP is read at once.
 */
@ApplicationScoped
public class ConsumerAssignments {

    /** The channels whose assignment readiness waits for (their rebalance listeners are named {@code <channel>-rebalance}). */
    static final List<String> CHANNELS = List.of("metrics-in", "deploys-in");
    private static final Logger LOG = Logger.getLogger(ConsumerAssignments.class);

    private final Map<String, Set<TopicPartition>> owned = new ConcurrentHashMap<>();

    /** True once every consumer channel has joined its group. */
    public boolean allAssigned() {
        return owned.keySet().containsAll(CHANNELS);
    }

    /** The partitions each channel owns, for the health check's data. */
    public Map<String, Set<TopicPartition>> owned() {
        return Map.copyOf(owned);
    }

    void assigned(String channel, Collection<TopicPartition> partitions) {
        owned.compute(channel, (c, before) -> {
            Set<TopicPartition> now = before == null ? new TreeSet<>(ConsumerAssignments::compare) : before;
            now.addAll(partitions);
            return now;
        });
        LOG.debugf("%s assigned %s", channel, partitions);
    }

    void revoked(String channel, Collection<TopicPartition> partitions) {
        owned.computeIfPresent(channel, (c, now) -> {
            now.removeAll(partitions);
            return now;
        });
    }

    private static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }

    @Produces
    @Identifier("metrics-in-rebalance")
    KafkaConsumerRebalanceListener metricsListener() {
        return listener("metrics-in");
    }

    @Produces
    @Identifier("deploys-in-rebalance")
    KafkaConsumerRebalanceListener deploysListener() {
        return listener("deploys-in");
    }

    private KafkaConsumerRebalanceListener listener(String channel) {
        return new KafkaConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                assigned(channel, partitions);
            }

            @Override
            public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                revoked(channel, partitions);
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                revoked(channel, partitions);
            }
        };
    }
}
