package dev.vigil.gate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.Severity;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.service.AnomalyRepository;
import dev.vigil.gate.Evidence;
import dev.vigil.testing.H2Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate sees the anomalies detection stored: by service, window, environment label, on the gate's scale. */
class StoredAnomaliesTest {

    static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");

    @TempDir
    Path dir;
    AnomalyRepository repository;
    StoredAnomalies anomalies;

    @BeforeEach
    void database() {
        javax.sql.DataSource ds = H2Files.in(dir);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        repository = new AnomalyRepository(ds);
        anomalies = new StoredAnomalies(repository, (service, label, environment) ->
                "checkout".equals(service) && "environment".equals(label) && "prod".equals(environment) ? 7 : 0,
                "environment");
    }

    static AnomalyRecord anomaly(String id, String service, Map<String, String> labels, Severity severity, Instant start, Instant end) {
        return new AnomalyRecord(id, "0123456789abcdef0123456789abcdef", service, "latency", labels, "latency",
                end == null ? AnomalyRecord.Status.OPEN : AnomalyRecord.Status.CLOSED, severity, start, end == null ? start : end, end,
                0.99, 2.5, 0.2, 0.1, 0.3, "LEVEL");
    }

    @Test
    void countsTheServicesAnomaliesOpenInTheWindowWithTheSeverityDetectionGaveThem() {
        repository.upsert(List.of(
                anomaly("crit", "checkout", Map.of(), Severity.CRITICAL, T0, null),
                anomaly("warn", "checkout", Map.of("environment", "prod"), Severity.WARNING, T0.plusSeconds(60), null),
                anomaly("staging", "checkout", Map.of("environment", "staging"), Severity.CRITICAL, T0, null),
                anomaly("over", "checkout", Map.of(), Severity.CRITICAL, T0.minusSeconds(7200), T0.minusSeconds(3600)),
                anomaly("other", "cart", Map.of(), Severity.CRITICAL, T0, null)));
        List<Evidence.OpenAnomaly> open = anomalies.open("checkout", "prod", T0.minusSeconds(1800), T0.plusSeconds(600));
        assertEquals(Map.of("crit", Severity.CRITICAL, "warn", Severity.WARNING),
                open.stream().collect(java.util.stream.Collectors.toMap(Evidence.OpenAnomaly::id, Evidence.OpenAnomaly::severity)));
    }

    @Test
    void carriesEachAnomalysEndAndPeakScoreAndLeavesOutFalsePositives() {
        repository.upsert(List.of(
                anomaly("real", "checkout", Map.of(), Severity.CRITICAL, T0, T0.plusSeconds(300)),
                anomaly("noise", "checkout", Map.of(), Severity.CRITICAL, T0, null)));
        repository.addFeedback("noise", "false_positive", "load test", "tok", T0.plusSeconds(60));
        List<Evidence.OpenAnomaly> open = anomalies.open("checkout", "prod", T0.minusSeconds(1800), T0.plusSeconds(600));
        assertEquals(List.of("real"), open.stream().map(Evidence.OpenAnomaly::id).toList());
        assertEquals(T0.plusSeconds(300), open.get(0).endedAt());
        assertEquals(0.99, open.get(0).peakScore());
    }

    @Test
    void theSummarySaysWhetherTheAnomalyEndedInsteadOfCallingItOpenAndClosed() {
        repository.upsert(List.of(
                anomaly("ended", "checkout", Map.of(), Severity.CRITICAL, T0, T0.plusSeconds(300)),
                anomaly("ongoing", "checkout", Map.of(), Severity.CRITICAL, T0.plusSeconds(60), null)));
        Map<String, String> summaries = anomalies.open("checkout", "prod", T0.minusSeconds(1800), T0.plusSeconds(600))
                .stream().collect(java.util.stream.Collectors.toMap(Evidence.OpenAnomaly::id, Evidence.OpenAnomaly::summary));
        assertEquals(Map.of("ended", "latency at 2.500, expected 0.2000 (0.1000..0.3000), ended 2026-11-25T07:05:00Z",
                "ongoing", "latency at 2.500, expected 0.2000 (0.1000..0.3000), still open"), summaries);
    }

    @Test
    void theSeriesCountComesFromThePortAndIsAtLeastOne() {
        assertEquals(7, anomalies.seriesCount("checkout", "prod"));
        assertEquals(1, anomalies.seriesCount("cart", "prod"), "a service the registry does not know yet");
    }
}
