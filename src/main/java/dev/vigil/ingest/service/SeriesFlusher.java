package dev.vigil.ingest.service;

import dev.vigil.store.StoreException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/** Writes the in-memory series counts to the database on a fixed interval and once more at shutdown. */
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
    void flush() {
        List<SeriesDelta> deltas = registry.drain();
        try {
            repository.merge(deltas);
        } catch (StoreException e) {
            registry.restore(deltas);
            LOG.warnf("series flush of %d series failed, will retry: %s", deltas.size(), e.getCause());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }
}
