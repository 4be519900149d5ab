package dev.vigil.flow;

import dev.vigil.attribute.Attributions;
import dev.vigil.attribute.service.AttributionConfig;
import dev.vigil.attribute.service.AttributionService;
import dev.vigil.deploy.Deploys;
import dev.vigil.detect.service.AnomalyPublisher;
import dev.vigil.detect.service.AnomalyRepository;
import dev.vigil.detect.service.CheckpointRepository;
import dev.vigil.detect.service.DetectionService;
import dev.vigil.detect.service.DetectionWriter;
import dev.vigil.predict.ServiceModelTrainer;
import dev.vigil.predict.service.ModelRepository;
import dev.vigil.predict.service.ModelRetrainer;
import dev.vigil.predict.service.PredictionMetrics;
import dev.vigil.predict.service.PredictionRepository;
import dev.vigil.predict.service.ServiceModels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The beans that join two capabilities: each one is built here, so that no capability wires in another's service. */
@ApplicationScoped
public class FlowBeans {

    /**
     * Detection's write-behind: every anomaly it stores is published and, once opened, handed to attribution; the
     * cause it publishes carries the deploy's change in plain words ({@link AttributedCauses}).
     */
    @Produces
    @ApplicationScoped
    DetectionWriter detectionWriter(DetectionService detection, AnomalyRepository anomalies,
            CheckpointRepository checkpoints, AnomalyPublisher publisher, AttributionService attribution,
            AttributedCauses causes, Clock clock) {
        return new DetectionWriter(detection, anomalies, checkpoints, publisher::publish,
                a -> attribution.onOpened(a).map(causes::causeOf), clock);
    }

    /** Prediction's retraining, labelled by deploy outcomes and by the anomalies attribution blamed on a deploy. */
    @Produces
    @ApplicationScoped
    ModelRetrainer modelRetrainer(PredictionRepository predictions, Deploys deploys, ModelRepository models,
                                  ServiceModels serviceModels, Attributions attributions,
                                  AttributionConfig attribution, PredictionMetrics metrics) {
        return new ModelRetrainer(predictions, deploys, models, serviceModels,
                new ServiceModelTrainer(ServiceModelTrainer.Options.defaults()), attributions,
                attribution.enabled() ? attribution.minConfidence() : Double.POSITIVE_INFINITY, metrics);
    }
}
