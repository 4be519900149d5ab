package dev.vigil.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once Vigil's Kafka consumers have their partitions: before that a sample would wait in the topic while
 * readiness said UP (after a restart the group's rebalance took up to 45 s). Its data also tell how long each
 * consumer's batch in progress has run ({@link BatchProgress}), without changing the status: a slow batch is no
 * reason to take the gate API out of service, nor to restart a process that would meet the same backlog.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    private final ConsumerAssignments assignments;
    private final BatchProgress progress;

    public ConsumerReadiness(ConsumerAssignments assignments, BatchProgress progress) {
        this.assignments = assignments;
        this.progress = progress;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-partitions-assigned")
                .status(assignments.allAssigned());
        assignments.owned().forEach((channel, partitions) -> response.withData(channel, partitions.toString()));
        BatchProgress.KINDS.forEach(kind -> response.withData(kind + "-batch-running-seconds",
                (long) progress.runningSeconds(kind)));
        return response.build();
    }
}
