package dev.vigil.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once Vigil's Kafka consumers have their partitions: before that a sample would wait in the topic while
 * readiness said UP (after a restart the group's rebalance took up to 45 s).
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    private final ConsumerAssignments assignments;

    public ConsumerReadiness(ConsumerAssignments assignments) {
        this.assignments = assignments;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-partitions-assigned")
                .status(assignments.allAssigned());
        assignments.owned().forEach((channel, partitions) -> response.withData(channel, partitions.toString()));
        return response.build();
    }
}
