package dev.vigil.detect.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import javax.sql.DataSource;

/** Wires the plain-Java detection classes to Quarkus (the store's datasource, config, the Kafka publisher,
 * attribution of opened anomalies). */
@ApplicationScoped
public class DetectBeans {

    @Produces
    @ApplicationScoped
    AnomalyRepository anomalyRepository(DataSource dataSource) {
        return new AnomalyRepository(dataSource);
    }

    @Produces
    @ApplicationScoped
    CheckpointRepository checkpointRepository(DataSource dataSource) {
        return new CheckpointRepository(dataSource);
    }

    @Produces
    @ApplicationScoped
    DefinitionRegistry definitionRegistry(DetectConfig config) {
        return new DefinitionRegistry(Path.of(config.definitionsDir()));
    }

    /** A singleton: called for every sample, and an application-scoped client proxy looks its context up per call. */
    @Produces
    @Singleton
    DetectionService detectionService(DefinitionRegistry definitions, CheckpointRepository checkpoints,
            AnomalyRepository anomalies, DetectConfig config) {
        return new DetectionService(definitions, checkpoints, anomalies, config.closeAfterPoints(), config.maxSeries(),
                config.maxPendingEvents());
    }

    void closeDetection(@Disposes DetectionService detection) {
        detection.close();
    }
}
