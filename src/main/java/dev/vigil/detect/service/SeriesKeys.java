package dev.vigil.detect.service;

import dev.vigil.ingest.MetricSample;
import dev.vigil.ingest.SeriesKey;
import java.util.Map;

/** Series identity helpers: the ingest key's canonical form without its hash, and the definitions' key. */
final class SeriesKeys {

    private SeriesKeys() {
    }

    /**
     * Exactly {@code sample.seriesKey().canonical()} (labels of a sample are already sorted), built without the
     * SHA-256 of the full key, which the hot path does not need.
     */
    static String canonical(MetricSample sample) {
        Map<String, String> labels = sample.labels();
        StringBuilder sb = new StringBuilder(sample.service().length() + sample.name().length() + 2 + labels.size() * 16)
                .append(sample.service()).append('|').append(sample.name()).append('|');
        boolean first = true;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
        return sb.toString();
    }

    static dev.vigil.detect.definition.SeriesKey forDefinitions(SeriesKey key) {
        return new dev.vigil.detect.definition.SeriesKey(key.service(), key.name(), key.labels());
    }
}
