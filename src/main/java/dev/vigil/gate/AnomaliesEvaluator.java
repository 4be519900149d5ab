package dev.vigil.gate;

import java.time.Instant;
import java.util.List;

/** Counts open anomalies of at least the check's severity around the deploy. */
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
        List<Evidence.OpenAnomaly> found = anomalies.open(request.service(), request.environment(), from, to).stream()
                .filter(a -> a.severity().atLeast(check.minSeverity()))
                .toList();
        CheckStatus status = check.limits().grade(found.size());
        String sev = check.minSeverity().name().toLowerCase(java.util.Locale.ROOT);
        String explanation = found.size() + " open anomal" + (found.size() == 1 ? "y" : "ies") + " of severity " + sev
                + " or worse on " + request.service() + " in " + request.environment() + " between " + from + " and "
                + to + (status == CheckStatus.PASS ? "" : "; " + check.limits().describe());
        List<String> details = found.stream().limit(LISTED)
                .map(a -> a.severity().name().toLowerCase(java.util.Locale.ROOT) + " " + a.metric() + " at "
                        + a.detectedAt() + ": " + a.summary() + " (" + a.id() + ")")
                .toList();
        return CheckResult.of(check, status, (double) found.size(), explanation, details, false);
    }
}
