package dev.vigil.detect.service;

import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.anomaly.ProbableCause;

/**
 * One change of an anomaly, as published to {@code vigil.anomalies}.
 *
 * @param type          {@code opened}, {@code updated} (peak severity rose) or {@code closed}
 * @param seriesKey     the series' canonical key, also the Kafka record key
 * @param anomaly       the anomaly's state after the change
 * @param probableCause on an {@code opened} change, the deploy it is attributed to; null otherwise or when none
 */
public record AnomalyChange(String type, String seriesKey, AnomalyRecord anomaly,
                            ProbableCause probableCause) {

    public static final String OPENED = "opened";
    public static final String UPDATED = "updated";
    public static final String CLOSED = "closed";

    public AnomalyChange(String type, String seriesKey, AnomalyRecord anomaly) {
        this(type, seriesKey, anomaly, null);
    }

    AnomalyChange withCause(ProbableCause cause) {
        return new AnomalyChange(type, seriesKey, anomaly, cause);
    }
}
