package dev.vigil.ingest;

import dev.vigil.core.MetricSample;

/**
 * Where ingest hands every valid metric sample, in order per series. Implemented where the capabilities are joined
 * ({@code dev.vigil.flow.MetricPipeline}); ingest itself knows nothing of what happens to a sample.
 */
public interface MetricSink {

    void accept(MetricSample sample);
}
