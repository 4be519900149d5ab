package dev.vigil.ingest.service;

import dev.vigil.store.StoreException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Writes the in-memory series counts, with the consumer offsets they are complete up to, to the database on a fixed
 * interval, when partitions are taken away ({@link ConsumerAssignments}) and once more at shutdown.
 */
@ApplicationScoped
public class SeriesFlusher {

    private static final Logger LOG = Logger.getLogger(SeriesFlusher.class);

    private final SeriesRegistry registry;
    private final SeriesRepository repository;

    public SeriesFlusher(SeriesRegistry registry, SeriesRepository repository) {
        this.registry = registry;
        this.repository = repository;
    }

    @Scheduled(every = "${vigil.ingest.series-flush-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void flush() {
        SeriesFlush flush = registry.drain();
        try {
            repository.merge(flush);
        } catch (StoreException e) {
            registry.restore(flush);
            LOG.warnf("series flush of %d series failed, will retry: %s", flush.deltas().size(), e.getCause());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }
}
