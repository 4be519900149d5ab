package dev.vigil.store;

import java.time.Instant;
import java.util.Map;

/**
 * One anomaly of one series as stored and served by the API.
 *
 * @param id         stable id, assigned when the anomaly opens
 * @param seriesId   the series' short id (see {@code dev.vigil.core.SeriesKey#id})
 * @param detector   name of the detector definition that judged the series
 * @param status     {@code open} or {@code closed}
 * @param severity   {@code info}, {@code warning} or {@code critical} (of the peak)
 * @param startedAt  first anomalous point (sample time)
 * @param updatedAt  time of the point that caused the latest change
 * @param endedAt    last anomalous point, once closed; null while open
 * @param peakScore  highest score seen in this anomaly, in [0, 1]
 * @param observed   value at the peak
 * @param expected   what the detector expected at the peak
 * @param lower      lower edge of the normal band at the peak
 * @param upper      upper edge of the normal band at the peak
 * @param component  which test of the detector fired at the peak
 */
public record AnomalyRecord(String id, String seriesId, String service, String metric, Map<String, String> labels,
        String detector, String status, String severity, Instant startedAt, Instant updatedAt, Instant endedAt,
        double peakScore, double observed, double expected, double lower, double upper, String component) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    public AnomalyRecord {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
