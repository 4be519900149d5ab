package dev.vigil.ingest;

import dev.vigil.store.DeployRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Where every accepted deploy event goes: the deploy store (and, later, prediction). */
@ApplicationScoped
public class DeployPipeline {

    private final DeployRepository deploys;
    private final Clock clock;

    public DeployPipeline(DeployRepository deploys, Clock clock) {
        this.deploys = deploys;
        this.clock = clock;
    }

    public void accept(DeployEvent event) {
        deploys.record(event, clock.instant());
    }
}
