package dev.vigil.predict.service;

import dev.vigil.detect.anomaly.Anomalies;
import dev.vigil.detect.anomaly.AnomalyQuery;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import java.time.Instant;

/**
 * The "open anomalies" service feature: anomalies of the service that were open at a moment (started before it,
 * not ended before it), on series of the deploy's environment or with no environment label. Read from the anomaly
 * store, so a deploy predicted late (first seen finished, or on demand for a past time) sees the anomalies as they
 * were at its start, as far as the store can tell.
 */
public final class OpenAnomalies {

    private final Anomalies anomalies;
    private final String environmentLabel;

    public OpenAnomalies(Anomalies anomalies, String environmentLabel) {
        this.anomalies = anomalies;
        this.environmentLabel = environmentLabel;
    }

    /** At most {@link Page#MAX_LIMIT}: more open anomalies on one service than that tells the model nothing more. */
    public int at(String service, String environment, Instant at) {
        Page<AnomalyRecord> open = anomalies.find(new AnomalyQuery(service, null, null, at, at, false),
                new PageRequest(Page.MAX_LIMIT, 0));
        return (int) open.items().stream().filter(a -> inEnvironment(a, environment)).count();
    }

    private boolean inEnvironment(AnomalyRecord a, String environment) {
        String label = a.labels().get(environmentLabel);
        return label == null || label.equals(environment);
    }
}
