package dev.vigil.detect.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Detection at /q/metrics. Per-series gauges ({@code vigil_anomaly_score}, {@code vigil_expected_lower},
 * {@code vigil_expected_upper}) carry only {@code service}, {@code metric} and {@code series} (the series' 32-hex
 * id; its labels are at {@code /api/v1/series}), and only for the {@code vigil.detect.metrics.max-series} most
 * interesting series: open anomalies first, then the highest score, then the most recently seen. The set is
 * chosen again every {@code refresh-interval}; gauges read the live values at scrape time.
 * {@code vigil_anomalies_open{service,severity}} counts open anomalies of the series held in memory (0 rather than
 * absent once a service's anomalies close).
 */
@ApplicationScoped
public class DetectionMetrics {

    private static final Comparator<SeriesState> INTEREST = Comparator
            .comparing((SeriesState s) -> s.openSeverity != null)
            .thenComparingDouble(s -> s.score)
            .thenComparingLong(s -> s.lastSeenNanos);

    private final DetectionService detection;
    private final int maxExported;
    private final MultiGauge score;
    private final MultiGauge lower;
    private final MultiGauge upper;
    private final MultiGauge open;
    private final Set<Tags> everOpen = new HashSet<>();
    private final MeterRegistry registry;
    private final List<Meter> functionMeters = new ArrayList<>();

    public DetectionMetrics(DetectionService detection, DetectConfig config, MeterRegistry registry) {
        this.detection = detection;
        this.registry = registry;
        this.maxExported = config.metrics().maxSeries();
        this.score = MultiGauge.builder("vigil_anomaly_score").description("Latest anomaly score of the series, in [0, 1]")
                .register(registry);
        this.lower = MultiGauge.builder("vigil_expected_lower").description("Lower edge of the series' normal band")
                .register(registry);
        this.upper = MultiGauge.builder("vigil_expected_upper").description("Upper edge of the series' normal band")
                .register(registry);
        this.open = MultiGauge.builder("vigil_anomalies_open").description("Anomalies open now, by service and severity")
                .register(registry);
        functionMeters.add(Gauge.builder("vigil_detect_series", detection, DetectionService::heldSeries)
                .description("Series whose detectors are held in memory").register(registry));
        counter(registry, "vigil_detect_points_scored", "Points scored by the detectors", detection, DetectionService::scoredPoints);
        counter(registry, "vigil_detect_points_ignored", "Points not newer than their series' last point (redelivered or out of order)",
                detection, DetectionService::ignoredPoints);
        counter(registry, "vigil_detect_events_dropped", "Anomaly changes dropped because too many were waiting to be written",
                detection, DetectionService::droppedChanges);
        counter(registry, "vigil_detect_series_restored", "Series resumed from a checkpoint", detection, DetectionService::restoredSeries);
        counter(registry, "vigil_detect_series_evicted", "Series checkpointed and dropped from memory over max-series",
                detection, DetectionService::evictedSeries);
    }

    private void counter(MeterRegistry registry, String name, String help, DetectionService d,
            ToDoubleFunction<DetectionService> f) {
        functionMeters.add(FunctionCounter.builder(name, d, f).description(help).register(registry));
    }

    /**
     * The gauges and counters that read the detection service leave with the application: a registry may outlive it
     * (an application restarted in the same JVM, as tests do) and would otherwise ask a stopped container.
     */
    @PreDestroy
    void unregister() {
        functionMeters.forEach(registry::remove);
    }

    @Scheduled(every = "${vigil.detect.metrics.refresh-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        List<SeriesState> top = mostInteresting();
        List<MultiGauge.Row<?>> scores = new ArrayList<>(top.size());
        List<MultiGauge.Row<?>> lowers = new ArrayList<>(top.size());
        List<MultiGauge.Row<?>> uppers = new ArrayList<>(top.size());
        for (SeriesState s : top) {
            Tags tags = Tags.of("service", s.key.service(), "metric", s.key.name(), "series", s.key.id());
            scores.add(MultiGauge.Row.of(tags, s, st -> st.score));
            lowers.add(MultiGauge.Row.of(tags, s, st -> st.lower));
            uppers.add(MultiGauge.Row.of(tags, s, st -> st.upper));
        }
        score.register(scores, true);
        lower.register(lowers, true);
        upper.register(uppers, true);
        open.register(openCounts(), true);
    }

    private List<SeriesState> mostInteresting() {
        if (maxExported <= 0) {
            return List.of();
        }
        PriorityQueue<SeriesState> best = new PriorityQueue<>(maxExported + 1, INTEREST);
        for (SeriesState s : detection.states()) {
            if (Double.isNaN(s.expected)) {
                continue; // nothing scored yet
            }
            best.offer(s);
            if (best.size() > maxExported) {
                best.poll();
            }
        }
        List<SeriesState> out = new ArrayList<>(best);
        out.sort(INTEREST.reversed());
        return out;
    }

    /**
     * Every (service, severity) that ever had an open anomaly stays exported, at 0 once they close: a row that
     * vanished would leave "open anomalies" graphs and {@code > 0} alerts stuck on their last value.
     */
    private List<MultiGauge.Row<?>> openCounts() {
        Map<Tags, Integer> counts = new HashMap<>();
        everOpen.forEach(tags -> counts.put(tags, 0));
        for (SeriesState s : detection.states()) {
            var severity = s.openSeverity;
            if (severity != null) {
                counts.merge(Tags.of("service", s.key.service(), "severity", severity.wireName()), 1,
                        Integer::sum);
            }
        }
        everOpen.addAll(counts.keySet());
        List<MultiGauge.Row<?>> rows = new ArrayList<>(counts.size());
        counts.forEach((tags, n) -> rows.add(MultiGauge.Row.of(tags, n)));
        return rows;
    }
}
