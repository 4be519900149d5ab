package dev.vigil.ingest.service;

import dev.vigil.store.StoreException;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
    private final SeriesRepository offsets;
    private final SeriesFlusher flusher;
    private final SeriesRegistry registry;
    private final ClaimRetry retry;

    @Inject
    public ConsumerAssignments(SeriesRepository offsets, SeriesFlusher flusher, SeriesRegistry registry) {
        this(offsets, flusher, registry, new ClaimRetry());
    }

    ConsumerAssignments(SeriesRepository offsets, SeriesFlusher flusher, SeriesRegistry registry, ClaimRetry retry) {
        this.offsets = offsets;
        this.flusher = flusher;
        this.registry = registry;
        this.retry = retry;
    }

    void onStop(@Observes ShutdownEvent event) {
        retry.stop();
    }

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

    /**
     * The metrics consumer resumes each partition where the stored series counts end (offsets kept in the database
     * with the counts), not where Kafka's committed offset says: after a crash the two differ, and counting from
     * Kafka's offset lost or doubled the samples in between. A partition taken away is handed over: its counts,
     * offsets and detector state are stored in one transaction, then forgotten here (detectors, gauges, buffered
     * counts, rollups), so its next owner starts exactly where this one stopped, with the state this one had. A
     * partition lost (this member was fenced; another may own it already) is forgotten without storing anything.
     */
    @Produces
    @Identifier("metrics-in-rebalance")
    KafkaConsumerRebalanceListener metricsListener() {
        KafkaConsumerRebalanceListener tracking = listener("metrics-in");
        return new KafkaConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                resume(consumer, partitions);
                tracking.onPartitionsAssigned(consumer, partitions);
            }

            @Override
            public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                flusher.handOver(partitions);
                tracking.onPartitionsRevoked(consumer, partitions);
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                flusher.lost(partitions);
                tracking.onPartitionsLost(consumer, partitions);
            }
        };
    }

    /**
     * Claims the partitions (so that a former owner that missed the rebalance can store nothing more of them), seeks
     * each to its stored offset and tells the registry where each starts and with which claim. A partition with no
     * stored offset has nothing of it counted, so it is read from its beginning: Kafka's committed offset may be
     * ahead of counts a {@code kill -9} lost before their first flush.
     */
    private void resume(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new HashMap<>();
        partitions.forEach(p -> byTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p.partition()));
        Map<TopicPartition, Long> unstored = new HashMap<>();
        List<ConsumedOffset> from = new ArrayList<>(partitions.size());
        byTopic.forEach((topic, ids) -> {
            for (SeriesRepository.Claim claim : claim(topic, ids)) {
                TopicPartition partition = new TopicPartition(topic, claim.partition());
                if (claim.next() == null) {
                    unstored.put(partition, claim.epoch());
                } else {
                    consumer.seek(partition, claim.next());
                    from.add(new ConsumedOffset(topic, claim.partition(), claim.next(), claim.epoch()));
                }
            }
        });
        if (!unstored.isEmpty()) {
            consumer.beginningOffsets(unstored.keySet()).forEach((partition, first) -> {
                consumer.seek(partition, first);
                from.add(new ConsumedOffset(partition.topic(), partition.partition(), first, unstored.get(partition)));
            });
        }
        registry.assigned(from);
        LOG.debugf("metrics-in resumed %s from %s", partitions, from);
    }

    /**
     * Claims until the database answers ({@link ClaimRetry} says why waiting on the polling thread is right); gives
     * up only when the application stops.
     */
    private List<SeriesRepository.Claim> claim(String topic, List<Integer> partitions) {
        for (int failed = 0; ; ) {
            try {
                List<SeriesRepository.Claim> claims = offsets.claim(topic, partitions);
                if (failed > 0) {
                    LOG.infof("claimed partitions %s of %s after %d failed attempts", partitions, topic, failed);
                }
                return claims;
            } catch (StoreException e) {
                failed++;
                if (failed == 1 || failed % 20 == 0) {
                    LOG.warnf("could not claim partitions %s of %s (attempt %d); nothing of them is read until the "
                            + "database answers: %s", partitions, topic, failed, e.getCause());
                }
                if (!pauseBeforeRetry(failed)) {
                    throw e;
                }
            }
        }
    }

    private boolean pauseBeforeRetry(int failed) {
        try {
            return retry.pauseAfter(failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
