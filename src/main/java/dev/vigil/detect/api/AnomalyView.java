package dev.vigil.detect.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.anomaly.ProbableCause;

/** An anomaly as the API shows it: its fields, plus the deploy it is attributed to ({@code probableCause}, or null). */
public record AnomalyView(@JsonUnwrapped AnomalyRecord anomaly, ProbableCause probableCause) {

    static AnomalyView of(AnomalyRecord anomaly, ProbableCause cause) {
        return new AnomalyView(anomaly, cause);
    }
}
