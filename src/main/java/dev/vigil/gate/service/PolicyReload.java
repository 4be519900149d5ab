package dev.vigil.gate.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks the policies directory every {@code vigil.gate.reload-interval} and reloads it when it changed. */
@ApplicationScoped
public class PolicyReload {

    private final PolicyRegistry policies;

    public PolicyReload(PolicyRegistry policies) {
        this.policies = policies;
    }

    @Scheduled(every = "${vigil.gate.reload-interval:10s}", delayed = "${vigil.gate.reload-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        policies.poll();
    }
}
