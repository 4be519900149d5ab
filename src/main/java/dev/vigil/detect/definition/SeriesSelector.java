package dev.vigil.detect.definition;

import dev.vigil.core.SeriesKey;
import java.util.Comparator;
import java.util.Map;

/**
 * Which series a definition applies to: service and metric patterns and label matchers (all must match;
 * a label matcher on a label the series lacks does not match).
 */
public record SeriesSelector(NamePattern service, NamePattern metric, Map<String, NamePattern> labels) {

    public static final SeriesSelector ALL = new SeriesSelector(NamePattern.ANY, NamePattern.ANY, Map.of());

    /**
     * Precedence between definitions that all match a series, most decisive first: metric specificity, then
     * service specificity, then number of label matchers (then the definition's priority, then its name).
     */
    public static final Comparator<SeriesSelector> SPECIFICITY = Comparator
            .comparingInt((SeriesSelector s) -> s.metric().specificity())
            .thenComparingInt(s -> s.service().specificity())
            .thenComparingInt(s -> s.labels().size());

    public SeriesSelector {
        labels = Map.copyOf(labels);
    }

    public boolean matches(SeriesKey key) {
        if (!service.matches(key.service()) || !metric.matches(key.name())) {
            return false;
        }
        for (var e : labels.entrySet()) {
            if (!e.getValue().matches(key.labels().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
