package dev.vigil.attribute;

import dev.vigil.core.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What attribution needs to know about an anomaly that just opened.
 *
 * @param service      the service of the anomalous series
 * @param environment  the series' environment label, or null when it has none (then deploys to any environment of
 *                     the service are candidates)
 * @param metric       the metric name (for reasons only)
 * @param openedAt     the first anomalous point (sample time), not the wall-clock time it was noticed
 * @param severity     the anomaly's severity (when it opened, or its peak so far when re-attributed)
 * @param earlier      earlier anomalies of the same series (recent ones are enough: those ending within a window
 *                     before the candidate deploys)
 */
public record AnomalyFacts(String service, String environment, String metric, Instant openedAt, Severity severity,
                           List<Episode> earlier) {

    public AnomalyFacts {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(severity, "severity");
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
    }
}
