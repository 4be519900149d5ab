package dev.vigil.detect.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The schedule of detection's background work: anomaly flushes, checkpoints, definition reloads. */
@ApplicationScoped
public class DetectionJobs {

    private final DetectionWriter writer;
    private final DefinitionRegistry definitions;

    public DetectionJobs(DetectionWriter writer, DefinitionRegistry definitions) {
        this.writer = writer;
        this.definitions = definitions;
    }

    @Scheduled(every = "${vigil.detect.flush-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void flush() {
        writer.flush();
    }

    @Scheduled(every = "${vigil.detect.checkpoint-interval:30s}", delayed = "${vigil.detect.checkpoint-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void checkpoint() {
        writer.checkpoint();
    }

    @Scheduled(every = "${vigil.detect.reload-interval:10s}", delayed = "${vigil.detect.reload-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        definitions.poll();
    }

    void onStop(@Observes ShutdownEvent event) {
        writer.flush();
        writer.checkpoint();
    }
}
