package dev.vigil.ingest.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long each Kafka consumer's batch in progress has been running: Vigil's own stall signal. SmallRye's age check,
 * which would end the channel for good when a polled record waits too long, is off (application.properties): a slow
 * batch must slow ingest down, never stop it. A batch that never ends (a deadlock, a database that never answers) is
 * seen here instead, as {@code vigil_ingest_batch_running_seconds} (alert {@code VigilIngestBatchStuck}) and in the
 * readiness answer's data, while the channel stays up to go on as soon as the batch ends.
 *
 * <p>One slot per kind: each consumer processes one batch at a time ({@code @Blocking(ordered = true)}).
 */
@Startup // created at start, not at the first batch: the gauges are there before anything is consumed
@ApplicationScoped
public class BatchProgress {

    /** The kinds, as in the ingest metrics' {@code kind} label. */
    static final List<String> KINDS = List.of("metric", "deploy");
    /** No batch runs. {@link System#nanoTime()} may be any long; this one value is as good as never seen. */
    private static final long IDLE = Long.MIN_VALUE;

    private final Map<String, AtomicLong> started;
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    public BatchProgress(MeterRegistry registry) {
        this.registry = registry;
        this.started = Map.of("metric", new AtomicLong(IDLE), "deploy", new AtomicLong(IDLE));
        // Exported from the start, at zero: an alert on a stuck batch needs the series before the first batch.
        for (String kind : KINDS) {
            meters.add(Gauge.builder("vigil_ingest_batch_running", this, p -> p.runningSeconds(kind))
                    .description("How long the batch the consumer is processing now has been running (0: none runs)")
                    .baseUnit("seconds")
                    .tag("kind", kind)
                    .register(registry));
        }
    }

    /** Runs one polled batch of {@code kind}, timed from start to end (a failure ends it too). */
    public void run(String kind, Runnable batch) {
        AtomicLong slot = started.get(kind);
        slot.set(System.nanoTime());
        try {
            batch.run();
        } finally {
            slot.set(IDLE);
        }
    }

    /** Seconds the batch of {@code kind} in progress has been running, 0 when none runs. */
    public double runningSeconds(String kind) {
        long since = started.get(kind).get();
        return since == IDLE ? 0 : (System.nanoTime() - since) / 1e9;
    }

    /**
     * The gauges go with the application: they read this application's consumers, and a registry may outlive it (an
     * application restarted in the same JVM, as tests do).
     */
    @PreDestroy
    void unregister() {
        meters.forEach(registry::remove);
    }
}
