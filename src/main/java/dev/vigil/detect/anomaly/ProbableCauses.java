package dev.vigil.detect.anomaly;

import java.util.Collection;
import java.util.Map;

/** The probable causes of anomalies, as detection's API reads them; implemented by the attribution capability. */
public interface ProbableCauses {

    /** The probable causes of the given anomalies, by anomaly id (anomalies without one are absent). */
    Map<String, ProbableCause> causesOf(Collection<String> anomalyIds);
}
