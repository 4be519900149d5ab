package dev.vigil.ingest;

import dev.vigil.attribute.service.AttributionService;
import dev.vigil.predict.service.PredictionService;
import dev.vigil.store.DeployRecord;
import dev.vigil.store.DeployRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Where every accepted deploy event goes: the deploy store, then prediction (asynchronous) and attribution of the
 * anomalies that opened after it (for a deploy event that arrives after its anomaly); neither ever fails ingest.
 */
@ApplicationScoped
public class DeployPipeline {

    private final DeployRepository deploys;
    private final Clock clock;
    private final PredictionService predictions;
    private final AttributionService attribution;

    public DeployPipeline(DeployRepository deploys, Clock clock, PredictionService predictions,
            AttributionService attribution) {
        this.deploys = deploys;
        this.clock = clock;
        this.predictions = predictions;
        this.attribution = attribution;
    }

    public void accept(DeployEvent event) {
        DeployRecord deploy = deploys.record(event, clock.instant());
        predictions.onDeploy(deploy, event);
        attribution.onDeploy(deploy);
    }
}
