package dev.vigil.detect.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.vigil.store.AnomalyRecord;
import dev.vigil.store.AttributionRecord;

/** An anomaly as the API shows it: its fields, plus the deploy it is attributed to ({@code probableCause}, or null). */
public record AnomalyView(@JsonUnwrapped AnomalyRecord anomaly, AttributionRecord.ProbableCause probableCause) {

    static AnomalyView of(AnomalyRecord anomaly, AttributionRecord cause) {
        return new AnomalyView(anomaly, cause == null ? null : cause.probableCause());
    }
}
