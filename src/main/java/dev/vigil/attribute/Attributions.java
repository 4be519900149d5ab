package dev.vigil.attribute;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stored attributions, as the other capabilities read them (prediction's retraining labels). Written only by
 * attribution; implemented over the database by {@code attribute.service.AttributionRepository}.
 */
public interface Attributions {

    Optional<AttributionRecord> findByAnomaly(String anomalyId);

    /** The attributions of the given anomalies, by anomaly id (anomalies without one are absent). */
    Map<String, AttributionRecord> byAnomalies(Collection<String> anomalyIds);

    /** The anomalies attributed to each of the given deploys, oldest anomaly first (deploys without any are absent). */
    Map<String, List<AttributionRecord>> byDeploys(Collection<String> deployIds);

    /**
     * Deploys of the service that some anomaly is attributed to with at least {@code minConfidence}, leaving out
     * anomalies marked as false positives.
     */
    Set<String> attributedDeploys(String service, double minConfidence);
}
