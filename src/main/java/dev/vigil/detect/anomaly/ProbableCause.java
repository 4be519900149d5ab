package dev.vigil.detect.anomaly;

import java.util.List;

/** How an anomaly shows its cause (API and {@code vigil.anomalies}): the deploy it is attributed to. */
public record ProbableCause(String deployId, String service, String environment, String version, String commits,
                            double confidence, List<String> reasons) {
}
