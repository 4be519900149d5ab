package dev.vigil.ingest.service;

import dev.vigil.store.StoreException;
import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Writes the in-memory series counts, with the consumer offsets they are complete up to and the derived state
 * (detector checkpoints, the gate's sample rollups) they reflect, to the database in one transaction: on a fixed
 * interval, when partitions are taken away ({@link ConsumerAssignments}) and once more at shutdown. A flush that
 * another owner's claim of a partition refuses ({@link PartitionsFenced}) stores nothing, and what this process held
 * is forgotten: the new owner resumes from the stored state.
 */
@ApplicationScoped
public class SeriesFlusher {

    private static final Logger LOG = Logger.getLogger(SeriesFlusher.class);

    private final SeriesRegistry registry;
    private final SeriesRepository repository;
    private final DerivedState derived;

    public SeriesFlusher(SeriesRegistry registry, SeriesRepository repository, @All List<DerivedState> derived) {
        this.registry = registry;
        this.repository = repository;
        this.derived = DerivedState.all(derived);
    }

    @Scheduled(every = "${vigil.ingest.series-flush-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void flush() {
        SeriesFlush flush = registry.drain(derived);
        try {
            repository.merge(flush);
        } catch (PartitionsFenced e) {
            fenced(e);
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
        } catch (PartitionsFenced e) {
            fenced(e);
        } catch (StoreException e) {
            LOG.warnf("could not store the state of revoked partitions %s; their next owner resumes from the last "
                    + "stored state: %s", partitions, e.getCause());
        }
        registry.forgetUnowned(partitions, derived);
    }

    private void fenced(PartitionsFenced e) {
        registry.fenced(derived);
        LOG.warnf("partitions %s were claimed by another owner since this process claimed them (it was expelled from "
                + "the consumer group): nothing of its flush is stored, and the counts, rollups and detector state it "
                + "held are dropped; the new owner resumes from the stored state", e.partitions().stream()
                .map(o -> o.topic() + "-" + o.partition()).toList());
    }

    /** The partitions were lost (another member may own them already): forget, store nothing. */
    synchronized void lost(Collection<TopicPartition> partitions) {
        registry.forgetUnowned(partitions, derived);
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }
}
