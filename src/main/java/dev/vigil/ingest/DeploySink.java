package dev.vigil.ingest;

import dev.vigil.core.DeployEvent;

/**
 * Where ingest hands every valid deploy event. Implemented where the capabilities are joined
 * ({@code dev.vigil.flow.DeployPipeline}).
 */
public interface DeploySink {

    void accept(DeployEvent event);
}
