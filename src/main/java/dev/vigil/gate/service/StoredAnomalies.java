package dev.vigil.gate.service;

import dev.vigil.core.Severity;
import dev.vigil.detect.anomaly.Anomalies;
import dev.vigil.detect.anomaly.AnomalyQuery;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.gate.Evidence;
import dev.vigil.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gate's anomalies port, answered from the anomalies detection stored: those of the service open at any
 * moment of the window, with the severity detection gave each (one scale, {@link Severity}). An anomaly whose series carries the environment label counts only for that environment; one
 * without it counts for every environment of the service.
 */
public final class StoredAnomalies implements Evidence.Anomalies {

    private static final int MAX_SCANNED = 1000;

    private final Anomalies anomalies;
    private final Evidence.SeriesCounts seriesCounts;
    private final String environmentLabel;

    public StoredAnomalies(Anomalies anomalies, Evidence.SeriesCounts seriesCounts, String environmentLabel) {
        this.anomalies = anomalies;
        this.seriesCounts = seriesCounts;
        this.environmentLabel = environmentLabel;
    }

    @Override
    public int seriesCount(String service, String environment) {
        return Math.max(1, seriesCounts.count(service, environmentLabel, environment));
    }

    @Override
    public List<Evidence.OpenAnomaly> open(String service, String environment, Instant from, Instant to) {
        // rows only: the gate needs no total, and the count would be a second query on every evaluation
        // a false positive (latest verdict) counts nowhere
        List<AnomalyRecord> rows = anomalies.items(new AnomalyQuery(service, null, null, from, to, false).counted(),
                new PageRequest(MAX_SCANNED, 0));
        List<Evidence.OpenAnomaly> open = new ArrayList<>();
        for (AnomalyRecord a : rows) {
            String env = a.labels().get(environmentLabel);
            if (env == null || env.equals(environment)) {
                open.add(new Evidence.OpenAnomaly(a.id(), a.metric(), a.severity(), a.startedAt(),
                        a.endedAt(), a.peakScore(), summary(a)));
            }
        }
        return open;
    }

    /** E.g. {@code latency at 0.9, expected 0.2 (0.1..0.3), ended 2026-11-25T09:40:00Z}: values, then still open or not. */
    static String summary(AnomalyRecord a) {
        return String.format(Locale.ROOT, "%s at %.4g, expected %.4g (%.4g..%.4g), %s", a.metric(), a.observed(),
                a.expected(), a.lower(), a.upper(), a.endedAt() == null ? "still open" : "ended " + a.endedAt());
    }
}
