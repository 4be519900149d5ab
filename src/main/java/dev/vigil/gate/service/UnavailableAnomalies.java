package dev.vigil.gate.service;

import dev.vigil.gate.Evidence;
import java.time.Instant;
import java.util.List;

/**
 * The anomalies port while Vigil has no anomaly detection wired in: it never answers "no anomalies" (that would be
 * made-up evidence); it throws, so the domain makes every {@code anomalies} check ERROR with this reason, and the
 * policy's {@code onError} decides (fail-closed by default: FAIL).
 */
public final class UnavailableAnomalies implements Evidence.Anomalies {

    public static final String REASON = "anomaly detection is not available in this Vigil yet, so open anomalies "
            + "cannot be counted (remove anomalies checks with removeChecks, or set onError: fail-open, to gate without them)";

    @Override
    public List<Evidence.OpenAnomaly> open(String service, String environment, Instant from, Instant to) {
        throw new IllegalStateException(REASON);
    }
}
