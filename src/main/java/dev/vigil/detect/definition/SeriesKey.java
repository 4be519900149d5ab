package dev.vigil.detect.definition;

import java.util.Map;

/** Identity of one series: service, metric name and labels. */
public record SeriesKey(String service, String metric, Map<String, String> labels) {

    public SeriesKey {
        if (service == null || metric == null) {
            throw new IllegalArgumentException("service and metric are required");
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
