package dev.vigil.detect.definition;

import dev.vigil.core.SeriesKey;
import dev.vigil.detect.multivariate.MultivariateSettings;
import java.time.Duration;
import java.util.List;

/**
 * One multivariate detector, as read from the {@code multivariate:} list of {@code detectors/*.yaml}: for each
 * service its pattern matches, the key metrics that form the service's vector, aligned onto steps and judged
 * together by an Isolation Forest ({@link dev.vigil.detect.multivariate.IsolationForestDetector}).
 *
 * @param name     unique name (shared with the univariate definitions' names), used in events and the API
 * @param source   file the definition came from (for messages)
 * @param service  which services get a detector of their own
 * @param metrics  the key metrics, in vector order (2 to {@link MultivariateSettings#MAX_DIMENSIONS})
 * @param step     the alignment step: one point per step
 * @param grace    how long past a step's end a missing metric is waited for
 * @param carry    steps a missing metric's last value may stand in for it (0: a step with a gap is dropped)
 * @param settings the forest's settings
 * @param severity score to severity mapping, as for a univariate definition
 */
public record MultivariateDefinition(String name, String source, NamePattern service, List<KeyMetric> metrics,
                                     Duration step, Duration grace, int carry, MultivariateSettings settings,
                                     SeverityMapping severity) {

    /** The metric name every multivariate anomaly carries: the service's vector is its pseudo series. */
    public static final String SERIES_NAME = "vigil:multivariate";

    /**
     * One key metric: which series of the service stand for it.
     *
     * @param name     the metric name (or pattern) as written, how anomalies name it
     * @param selector metric name and label matchers (the service is the definition's)
     */
    public record KeyMetric(String name, SeriesSelector selector) {
    }

    public MultivariateDefinition {
        metrics = List.copyOf(metrics);
    }

    /** The index of the key metric this series stands for, or -1. */
    public int slotOf(SeriesKey key) {
        for (int i = 0; i < metrics.size(); i++) {
            if (metrics.get(i).selector().matches(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The pseudo series of a service's vector (one per service): what its anomalies and checkpoint are keyed by. */
    public SeriesKey seriesOf(String serviceName) {
        return SeriesKey.of(serviceName, SERIES_NAME, java.util.Map.of());
    }
}
