package dev.vigil.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory implementations of the gate's evidence ports, for tests. */
final class InMemoryEvidence implements Evidence.Anomalies, Evidence.Metrics, Evidence.Releases {

    final List<Evidence.OpenAnomaly> anomalies = new ArrayList<>();
    final Map<String, double[]> series = new HashMap<>();
    Evidence.ReleaseWindow previous;
    RuntimeException metricsFailure;
    /** The windows anomalies were asked for, in order. */
    final List<Instant[]> anomalyQueries = new ArrayList<>();

    /** Samples for metric{labels} within [from, to]; previous-release reads are keyed with "@previous". */
    InMemoryEvidence put(String metric, Map<String, String> labels, double... values) {
        series.put(key(metric, labels, false), values);
        return this;
    }

    InMemoryEvidence putPrevious(String metric, Map<String, String> labels, double... values) {
        series.put(key(metric, labels, true), values);
        return this;
    }

    private static String key(String metric, Map<String, String> labels, boolean previous) {
        return metric + new java.util.TreeMap<>(labels) + (previous ? "@previous" : "");
    }

    @Override
    public List<Evidence.OpenAnomaly> open(String service, String environment, Instant from, Instant to) {
        anomalyQueries.add(new Instant[] {from, to});
        return anomalies;
    }

    @Override
    public double[] samples(Evidence.SeriesSelector selector, Instant from, Instant to) {
        if (metricsFailure != null) {
            throw metricsFailure;
        }
        boolean prev = previous != null && !to.isAfter(previous.to());
        return series.getOrDefault(key(selector.metric(), selector.labels(), prev), new double[0]);
    }

    @Override
    public Optional<Evidence.ReleaseWindow> previous(String service, String environment, String version, Instant before) {
        return Optional.ofNullable(previous);
    }
}
