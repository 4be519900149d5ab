package dev.vigil.store;

import java.time.Instant;

/**
 * Filters for listing anomalies; null means "any". The time range selects anomalies that were open at any
 * moment in {@code [from, to)}: started before {@code to} and not ended before {@code from}.
 *
 * @param openOnly true for anomalies still open only
 */
public record AnomalyQuery(String service, String metric, String severity, Instant from, Instant to, boolean openOnly) {

    public static AnomalyQuery all() {
        return new AnomalyQuery(null, null, null, null, null, false);
    }
}
