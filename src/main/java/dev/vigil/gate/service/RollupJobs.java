package dev.vigil.gate.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Stores the open sample rollups every {@code vigil.gate.rollups.flush-interval}, in transactions of at most
 * {@code batch-size} rows, and deletes those older than {@code retention} every {@code prune-interval}. A batch that
 * cannot be stored goes back into memory for the next run. Gauges: {@code vigil_gate_rollups_open},
 * {@code vigil_gate_rollups_dropped_samples}.
 */
@ApplicationScoped
public class RollupJobs {

    private static final Logger LOG = Logger.getLogger(RollupJobs.class);

    private final SampleRollups open;
    private final RollupRepository stored;
    private final GateConfig.Rollups config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final List<Meter> gauges;

    public RollupJobs(SampleRollups open, RollupRepository stored, GateConfig gate, Clock clock, MeterRegistry registry) {
        this.open = open;
        this.stored = stored;
        this.config = gate.rollups();
        this.clock = clock;
        this.registry = registry;
        this.gauges = List.of(Gauge.builder("vigil.gate.rollups.open", open, SampleRollups::size)
                        .description("Sample rollups in memory, not yet stored").register(registry),
                Gauge.builder("vigil.gate.rollups.dropped.samples", open, SampleRollups::dropped)
                        .description("Samples not rolled up because vigil.gate.rollups.max-open rollups were held")
                        .register(registry));
    }

    /** Stores what is open now (what arrives meanwhile waits for the next run). */
    @Scheduled(every = "${vigil.gate.rollups.flush-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    synchronized void flush() {
        int total = 0;
        int waiting = open.size();
        while (total < waiting) {
            List<MetricRollup> batch = open.take(config.batchSize());
            if (batch.isEmpty()) {
                break;
            }
            try {
                stored.store(batch);
            } catch (RuntimeException e) {
                open.putBack(batch);
                LOG.warnf("could not store %d metric rollups, kept for the next run: %s", batch.size(), e.getMessage());
                break;
            }
            total += batch.size();
        }
    }

    @Scheduled(every = "${vigil.gate.rollups.prune-interval:5m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void prune() {
        int deleted = stored.prune(clock.instant().minus(config.retention()));
        if (deleted > 0) {
            LOG.debugf("pruned %d metric rollups older than %s", deleted, config.retention());
        }
    }

    /** What is still open goes to the database before it goes away. */
    /**
     * Stores what is open, and takes the gauges away with the application: they read this application's rollups, and
     * a registry may outlive it (an application restarted in the same JVM, as tests do).
     */
    @PreDestroy
    void close() {
        flush();
        gauges.forEach(registry::remove);
    }
}
