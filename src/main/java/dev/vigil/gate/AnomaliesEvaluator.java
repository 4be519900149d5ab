package dev.vigil.gate;

import dev.vigil.core.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Counts the service's incidents of at least the check's severity around the deploy: its anomalies open in the
 * window, grouped and graded against the service's false-alarm budget by {@link ServiceIncidents}.
 */
final class AnomaliesEvaluator {

    private static final int LISTED = 5;

    private AnomaliesEvaluator() {
    }

    /** @param anomalies the port; {@link GateEvaluator} passes one that asks once per window and evaluation */
    static CheckResult evaluate(Evidence.Anomalies anomalies, AnomaliesCheck check, GateRequest request, Instant now) {
        Instant ref = request.reference(now);
        Instant from = ref.minus(check.before());
        Instant to = ref.plus(check.after());
        if (to.isAfter(now)) {
            return CheckResult.of(check, CheckStatus.INCONCLUSIVE, null, "the anomaly window runs until " + to
                    + ", after now; evaluate again then", List.of(), true);
        }
        List<Evidence.OpenAnomaly> open = anomalies.open(request.service(), request.environment(), from, to);
        int seriesCount = anomalies.seriesCount(request.service(), request.environment());
        List<ServiceIncidents.Incident> found = ServiceIncidents.of(open, seriesCount).stream()
                .filter(i -> i.severity().atLeast(check.minSeverity()))
                .toList();
        CheckStatus status = check.limits().grade(found.size());
        String explanation = found.size() + " incident" + (found.size() == 1 ? "" : "s") + " of severity "
                + name(check.minSeverity()) + " or worse on " + request.service() + " in " + request.environment()
                + " between " + from + " and " + to + " (" + open.size() + " anomal"
                + (open.size() == 1 ? "y" : "ies") + " open in that time, graded together on the service's "
                + seriesCount + " series)";
        List<String> details = found.stream().limit(LISTED).map(AnomaliesEvaluator::describe).toList();
        return CheckResult.of(check, status, (double) found.size(), explanation, details, false);
    }

    private static String describe(ServiceIncidents.Incident incident) {
        Evidence.OpenAnomaly first = incident.anomalies().get(0);
        String more = incident.anomalies().size() == 1 ? ""
                : " and " + (incident.anomalies().size() - 1) + " more series at once";
        return String.format(Locale.ROOT, "%s incident from %s: %s (%s)%s; false-alarm rate at the service %.2g of"
                        + " a daily budget", name(incident.severity()), incident.startedAt(), first.summary(),
                first.id(), more, incident.budgets());
    }

    private static String name(Severity s) {
        return s.wireName();
    }
}
