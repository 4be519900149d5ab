package dev.vigil.attribute;

import dev.vigil.deploy.AttributedAnomaly;
import dev.vigil.detect.anomaly.ProbableCause;
import java.time.Instant;
import java.util.List;

/**
 * A stored attribution: the deploy that probably caused an anomaly.
 *
 * @param anomalyId        the anomaly
 * @param deployId         the probable-cause deploy
 * @param service          the service of both
 * @param environment      the deploy's environment
 * @param version          the deploy's version
 * @param commits          {@code A..B}, the deployed commit alone, or null
 * @param metric           the anomalous metric
 * @param anomalyStartedAt the anomaly's first anomalous point
 * @param confidence       in (0, 1]
 * @param reasons          one sentence per factor of the confidence
 * @param attributedAt     when it was (last) computed
 */
public record AttributionRecord(String anomalyId, String deployId, String service, String environment, String version,
                                String commits, String metric, Instant anomalyStartedAt, double confidence,
                                List<String> reasons, Instant attributedAt) {

    public AttributionRecord {
        reasons = List.copyOf(reasons);
    }

    /** The cause as detection shows it, without the deploy's change (prediction is not attribution's to read). */
    public ProbableCause probableCause() {
        return new ProbableCause(deployId, service, environment, version, commits, confidence, reasons, null);
    }

    public AttributedAnomaly attributedAnomaly() {
        return new AttributedAnomaly(anomalyId, metric, anomalyStartedAt, confidence, reasons);
    }
}
