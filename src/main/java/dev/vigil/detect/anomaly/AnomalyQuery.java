package dev.vigil.detect.anomaly;

import dev.vigil.core.Severity;
import java.time.Instant;

/**
 * Filters for listing anomalies; null means "any". The time range selects anomalies that were open at any
 * moment in {@code [from, to)}: started before {@code to} and not ended before {@code from}.
 *
 * @param openOnly        true for anomalies still open only
 * @param countedOnly     true to leave out anomalies whose latest verdict is false positive (what the gate counts)
 */
public record AnomalyQuery(String service, String metric, Severity severity, Instant from, Instant to, boolean openOnly,
                           boolean countedOnly) {

    public AnomalyQuery(String service, String metric, Severity severity, Instant from, Instant to, boolean openOnly) {
        this(service, metric, severity, from, to, openOnly, false);
    }

    public static AnomalyQuery all() {
        return new AnomalyQuery(null, null, null, null, null, false);
    }

    /** The same filters, leaving out anomalies marked false positive. */
    public AnomalyQuery counted() {
        return new AnomalyQuery(service, metric, severity, from, to, openOnly, true);
    }
}
