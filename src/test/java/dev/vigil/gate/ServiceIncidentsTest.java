package dev.vigil.gate;

import dev.vigil.core.AlarmRate;
import dev.vigil.core.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceIncidentsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void anomaliesThatOverlapInTimeAreOneIncidentAndSeparateOnesAreNot() {
        List<Evidence.OpenAnomaly> anomalies = List.of(
                anomaly("latency", 0, 120, 0.97),
                anomaly("errors", 60, 300, 0.97),      // starts while latency's is open
                anomaly("throughput", 280, 400, 0.97),  // starts before errors' ends
                anomaly("cpu", 3_600, null, 0.97));    // an hour later, still open: another incident
        List<ServiceIncidents.Incident> incidents = ServiceIncidents.of(anomalies, 1);
        assertEquals(2, incidents.size());
        assertEquals(3, incidents.get(0).anomalies().size());
        assertEquals(T0, incidents.get(0).startedAt());
        assertEquals("cpu", incidents.get(1).anomalies().get(0).metric());
    }

    @Test
    void aLoneAnomalyIsGradedAgainstTheWholeServicesBudget() {
        Evidence.OpenAnomaly critical = anomaly("latency", 0, 60, AlarmRate.scoreAt(0.004)); // critical on its own
        assertEquals(Severity.CRITICAL, ServiceIncidents.of(List.of(critical), 1).get(0).severity());
        // on a service of 50 series, 50 such false alarms a day are expected: 0.2 budgets, info at the service
        ServiceIncidents.Incident onFifty = ServiceIncidents.of(List.of(critical), 50).get(0);
        assertEquals(0.2, onFifty.budgets(), 1e-9);
        assertEquals(Severity.INFO, onFifty.severity());
        // evidence strong enough for the whole service stays critical
        Evidence.OpenAnomaly strong = anomaly("latency", 0, 60, AlarmRate.scoreAt(0.0001));
        assertEquals(Severity.CRITICAL, ServiceIncidents.of(List.of(strong), 50).get(0).severity());
    }

    @Test
    void manySeriesAlarmingTogetherCountAsOneStrongerIncident() {
        List<Evidence.OpenAnomaly> together = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            together.add(anomaly("m" + i, i, 600, AlarmRate.scoreAt(0.004)));
        }
        List<ServiceIncidents.Incident> incidents = ServiceIncidents.of(together, 50);
        assertEquals(1, incidents.size(), "one incident, not ten");
        // Simes: the 10th smallest rate x 50 / 10 = 0.02 budgets: warning at the service, where one alone is info
        assertEquals(0.02, incidents.get(0).budgets(), 1e-9);
        assertEquals(Severity.WARNING, incidents.get(0).severity());
    }

    @Test
    void theServiceNeverGradesAnIncidentAboveWhatDetectionGaveItsSeries() {
        // a definition may grade its series leniently: a high score stored as warning stays warning
        Evidence.OpenAnomaly lenient = new Evidence.OpenAnomaly("a", "latency", Severity.WARNING, T0, null, 0.99, "x");
        assertEquals(Severity.WARNING, ServiceIncidents.of(List.of(lenient), 1).get(0).severity());
    }

    private static Evidence.OpenAnomaly anomaly(String metric, long startSecond, Integer endSecond, double peakScore) {
        Severity perSeries = peakScore >= 0.95 ? Severity.CRITICAL : peakScore >= 0.85 ? Severity.WARNING : Severity.INFO;
        return new Evidence.OpenAnomaly(metric + "@" + startSecond, metric, perSeries, T0.plusSeconds(startSecond),
                endSecond == null ? null : T0.plusSeconds(endSecond.longValue()), peakScore, metric + " outside its band");
    }
}
