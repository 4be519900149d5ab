package dev.vigil.detect.service;

import dev.vigil.store.AnomalyRecord;

/**
 * One change of an anomaly, as published to {@code vigil.anomalies}.
 *
 * @param type      {@code opened}, {@code updated} (peak severity rose) or {@code closed}
 * @param seriesKey the series' canonical key, also the Kafka record key
 * @param anomaly   the anomaly's state after the change
 */
public record AnomalyChange(String type, String seriesKey, AnomalyRecord anomaly) {

    public static final String OPENED = "opened";
    public static final String UPDATED = "updated";
    public static final String CLOSED = "closed";
}
