package dev.vigil.gate;

import dev.vigil.core.AlarmRate;
import dev.vigil.core.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One service, one incident. Anomalies of one service whose open intervals overlap are one incident (a slow
 * dependency shows on latency, errors and throughput at once), and each incident is graded against the
 * service's false-alarm budget rather than each series' own: a service of N series would otherwise get N times
 * the false alarms its severities promise.
 *
 * <p>Grading is a Benjamini-Hochberg step-up over the incident's anomalies: with their false-alarm rates
 * {@code r(1) <= ... <= r(k)} (in budgets, from each peak score, {@link AlarmRate}), the incident's rate at the
 * service is {@code min over i of r(i) x N / i}. One very strong anomaly counts on its own ({@code r(1) x N}); k
 * anomalies that are each weaker count together when they agree ({@code r(k) x N / k}), which is how a real
 * incident across many series shows. The incident's severity is that rate's ({@code info} <= 1 budget,
 * {@code warning} <= 0.1, {@code critical} <= 0.01), never above the highest severity detection gave one of its
 * anomalies (a definition may grade its series more leniently).
 */
public final class ServiceIncidents {

    private ServiceIncidents() {
    }

    /**
     * An incident: overlapping anomalies of one service, graded together.
     *
     * @param budgets the incident's false-alarm rate at the service, in budgets (lower is stronger evidence)
     */
    public record Incident(List<Evidence.OpenAnomaly> anomalies, Severity severity, double budgets) {

        public Incident {
            anomalies = List.copyOf(anomalies);
        }

        public Instant startedAt() {
            return anomalies.get(0).detectedAt();
        }
    }

    /** The incidents among {@code anomalies} of a service watched on {@code seriesCount} series, earliest first. */
    public static List<Incident> of(List<Evidence.OpenAnomaly> anomalies, int seriesCount) {
        int n = Math.max(seriesCount, 1);
        List<Incident> incidents = new ArrayList<>();
        for (List<Evidence.OpenAnomaly> group : overlapping(anomalies)) {
            double budgets = serviceBudgets(group, n);
            incidents.add(new Incident(group, capped(Severity.ofBudgets(budgets), group), budgets));
        }
        return incidents;
    }

    /** Groups anomalies whose open intervals overlap (an open anomaly lasts until now), in order of detection. */
    static List<List<Evidence.OpenAnomaly>> overlapping(List<Evidence.OpenAnomaly> anomalies) {
        List<Evidence.OpenAnomaly> sorted = anomalies.stream()
                .sorted(Comparator.comparing(Evidence.OpenAnomaly::detectedAt)).toList();
        List<List<Evidence.OpenAnomaly>> groups = new ArrayList<>();
        List<Evidence.OpenAnomaly> current = new ArrayList<>();
        Instant currentEnd = null; // null: still open, overlaps everything after
        for (Evidence.OpenAnomaly a : sorted) {
            boolean joins = !current.isEmpty() && (currentEnd == null || !a.detectedAt().isAfter(currentEnd));
            if (!joins && !current.isEmpty()) {
                groups.add(current);
                current = new ArrayList<>();
            }
            currentEnd = current.isEmpty() ? a.endedAt() : later(currentEnd, a.endedAt());
            current.add(a);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    /** Benjamini-Hochberg: min over i of r(i) x N / i, the rates sorted ascending. */
    static double serviceBudgets(List<Evidence.OpenAnomaly> group, int seriesCount) {
        double[] rates = group.stream().mapToDouble(a -> AlarmRate.budgetsAt(a.peakScore())).sorted().toArray();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < rates.length; i++) {
            best = Math.min(best, rates[i] * seriesCount / (i + 1));
        }
        return best;
    }

    private static Severity capped(Severity graded, List<Evidence.OpenAnomaly> group) {
        Severity highest = group.stream().map(Evidence.OpenAnomaly::severity).max(Comparator.naturalOrder())
                .orElse(Severity.INFO);
        return graded.compareTo(highest) <= 0 ? graded : highest;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b == null ? null : a.isAfter(b) ? a : b;
    }
}
