package dev.vigil.ingest;

import dev.vigil.predict.service.PredictionService;
import dev.vigil.store.DeployRecord;
import dev.vigil.store.DeployRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Where every accepted deploy event goes: the deploy store, then prediction (asynchronous, never failing ingest). */
@ApplicationScoped
public class DeployPipeline {

    private final DeployRepository deploys;
    private final Clock clock;
    private final PredictionService predictions;

    public DeployPipeline(DeployRepository deploys, Clock clock, PredictionService predictions) {
        this.deploys = deploys;
        this.clock = clock;
        this.predictions = predictions;
    }

    public void accept(DeployEvent event) {
        DeployRecord deploy = deploys.record(event, clock.instant());
        predictions.onDeploy(deploy, event);
    }
}
