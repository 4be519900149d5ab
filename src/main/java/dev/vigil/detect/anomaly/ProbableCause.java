package dev.vigil.detect.anomaly;

import dev.vigil.core.ChangeSummary;
import java.util.List;

/**
 * How an anomaly shows its cause (API and {@code vigil.anomalies}): the deploy it is attributed to.
 *
 * @param change the deploy's change in plain words, from its failure prediction; null when Vigil predicted none
 */
public record ProbableCause(String deployId, String service, String environment, String version, String commits,
                            double confidence, List<String> reasons, ChangeSummary change) {

    public ProbableCause {
        reasons = List.copyOf(reasons);
    }

    public ProbableCause withChange(ChangeSummary change) {
        return new ProbableCause(deployId, service, environment, version, commits, confidence, reasons, change);
    }
}
