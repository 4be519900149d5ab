package dev.vigil.gate.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes the stored sample rollups older than {@code retention} every {@code prune-interval}, and publishes the gauges
 * {@code vigil_gate_rollups_open} and {@code vigil_gate_rollups_dropped_samples}. The open rollups are stored by the
 * series flush, in the transaction of the consumer offsets they reflect ({@code dev.vigil.flow.RollupsWithOffsets}).
 */
@Startup // created at start, not at the first prune: the gauges are there before anything is consumed
@ApplicationScoped
public class RollupJobs {

    private static final Logger LOG = Logger.getLogger(RollupJobs.class);

    private final RollupRepository stored;
    private final GateConfig.Rollups config;
    private final Clock clock;
    private final MeterRegistry registry;
    private final List<Meter> gauges;

    public RollupJobs(SampleRollups open, RollupRepository stored, GateConfig gate, Clock clock, MeterRegistry registry) {
        this.stored = stored;
        this.config = gate.rollups();
        this.clock = clock;
        this.registry = registry;
        this.gauges = List.of(Gauge.builder("vigil.gate.rollups.open", open, SampleRollups::size)
                        .description("Sample rollups in memory, not yet stored").register(registry),
                Gauge.builder("vigil.gate.rollups.dropped.samples", open, SampleRollups::dropped)
                        .description("Samples not rolled up because vigil.gate.rollups.max-open rollups were held")
                        .register(registry));
        if (obsoleteSettings(config)) {
            LOG.warn("vigil.gate.rollups.flush-interval and vigil.gate.rollups.batch-size are no longer used: rollups are "
                    + "stored with every series flush (vigil.ingest.series-flush-interval), with the offsets they reflect");
        }
    }

    @SuppressWarnings("deprecation")
    private static boolean obsoleteSettings(GateConfig.Rollups config) {
        return config.flushInterval().isPresent() || config.batchSize().isPresent();
    }

    @Scheduled(every = "${vigil.gate.rollups.prune-interval:5m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void prune() {
        int deleted = stored.prune(clock.instant().minus(config.retention()));
        if (deleted > 0) {
            LOG.debugf("pruned %d metric rollups older than %s", deleted, config.retention());
        }
    }

    /**
     * Takes the gauges away with the application: they read this application's rollups, and a registry may outlive
     * it (an application restarted in the same JVM, as tests do).
     */
    @PreDestroy
    void close() {
        gauges.forEach(registry::remove);
    }
}
