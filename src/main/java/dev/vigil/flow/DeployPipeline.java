package dev.vigil.flow;

import dev.vigil.attribute.service.AttributionService;
import dev.vigil.core.DeployEvent;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.deploy.Deploys;
import dev.vigil.ingest.DeploySink;
import dev.vigil.predict.service.PredictionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Where every accepted deploy event goes: the deploy store, then prediction (asynchronous) and attribution of the
 * anomalies that opened after it (for a deploy event that arrives after its anomaly); neither ever fails ingest.
 */
@ApplicationScoped
public class DeployPipeline implements DeploySink {

    private final Deploys deploys;
    private final Clock clock;
    private final PredictionService predictions;
    private final AttributionService attribution;

    public DeployPipeline(Deploys deploys, Clock clock, PredictionService predictions,
            AttributionService attribution) {
        this.deploys = deploys;
        this.clock = clock;
        this.predictions = predictions;
        this.attribution = attribution;
    }

    @Override
    public void accept(DeployEvent event) {
        DeployRecord deploy = deploys.record(event, clock.instant());
        predictions.onDeploy(deploy, event);
        attribution.onDeploy(deploy);
    }
}
