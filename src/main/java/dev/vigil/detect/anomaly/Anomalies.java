package dev.vigil.detect.anomaly;

import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * The stored anomalies, as the other capabilities read them (gate's counted anomalies, prediction's open anomalies,
 * attribution's candidates). Written only by detection; implemented over the database by
 * {@code detect.service.AnomalyRepository}.
 */
public interface Anomalies {

    Optional<AnomalyRecord> findById(String id);

    /** Newest first (by start), then by id. */
    Page<AnomalyRecord> find(AnomalyQuery query, PageRequest page);

    /** One page of {@link #find} without the total. */
    List<AnomalyRecord> items(AnomalyQuery query, PageRequest page);

    /** Open anomalies of one series (normally at most one). */
    List<AnomalyRecord> openForSeries(String seriesId);

    /** The feedback given on an anomaly. */
    List<AnomalyFeedback> feedback(String anomalyId);
}
