package dev.vigil.gate.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finishes PENDING evaluations in the background: every {@code vigil.gate.retry-interval} each is evaluated again
 * with the policy selected at its creation, until the domain says it is done (data arrived or the wait is over).
 * PENDING rows live in the database, so a restart resumes them; with several replicas only the first to finish an
 * evaluation stores and publishes it.
 */
@ApplicationScoped
public class PendingEvaluations {

    private final GateService gates;

    public PendingEvaluations(GateService gates) {
        this.gates = gates;
    }

    // Not once shutdown has begun: the scheduler fires until its own bean is destroyed, and a run handed to a worker
    // then found the container, datasource included, gone (an ERROR). What is PENDING stays stored for the next start.
    @Scheduled(every = "${vigil.gate.retry-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "1s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        gates.advancePending();
    }
}
