package dev.vigil.ingest.service;

import dev.vigil.store.StoreException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Writes the in-memory series counts, with the consumer offsets they are complete up to and the derived state
 * (detector checkpoints) they reflect, to the database in one transaction: on a fixed interval, when partitions are
 * taken away ({@link ConsumerAssignments}) and once more at shutdown.
 */
@ApplicationScoped
public class SeriesFlusher {

    private static final Logger LOG = Logger.getLogger(SeriesFlusher.class);

    private final SeriesRegistry registry;
    private final SeriesRepository repository;
    private final DerivedState derived;

    public SeriesFlusher(SeriesRegistry registry, SeriesRepository repository, DerivedState derived) {
        this.registry = registry;
        this.repository = repository;
        this.derived = derived;
    }

    @Scheduled(every = "${vigil.ingest.series-flush-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void flush() {
        SeriesFlush flush = registry.drain(derived);
        try {
            repository.merge(flush);
        } catch (StoreException e) {
            registry.restore(flush);
            LOG.warnf("series flush of %d series failed, will retry: %s", flush.deltas().size(), e.getCause());
        }
    }

    /**
     * The partitions are being taken away: stores what was counted and learnt from them, then forgets it, so the next
     * owner resumes exactly where this process stopped. When the store fails, nothing of it is kept either: the next
     * owner resumes from the last stored state and reads those records again.
     */
    synchronized void handOver(Collection<TopicPartition> partitions) {
        SeriesFlush flush = registry.handOver(partitions, derived);
        try {
            repository.merge(flush);
        } catch (StoreException e) {
            LOG.warnf("could not store the state of revoked partitions %s; their next owner resumes from the last "
                    + "stored state: %s", partitions, e.getCause());
        }
        registry.forgetUnowned(partitions, derived);
    }

    /** The partitions were lost (another member may own them already): forget, store nothing. */
    synchronized void lost(Collection<TopicPartition> partitions) {
        registry.forgetUnowned(partitions, derived);
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }
}
