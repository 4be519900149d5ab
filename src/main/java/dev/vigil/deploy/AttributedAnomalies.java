package dev.vigil.deploy;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The anomalies attributed to deploys, as the deploy API reads them; implemented by the attribution capability. */
public interface AttributedAnomalies {

    /** The anomalies attributed to each of the given deploys, oldest anomaly first (deploys without any are absent). */
    Map<String, List<AttributedAnomaly>> attributedTo(Collection<String> deployIds);
}
