package dev.vigil.gate;

import java.util.List;
import java.util.Objects;

/**
 * Stage 1 of a gate decision: one check's outcome.
 *
 * @param observed    the value held against the limits (count, aggregate, percent change, score, probability);
 *                    null when there was none
 * @param threshold   the limits in words, e.g. "pass <= 0, warn <= 2"
 * @param explanation one sentence a person can act on
 * @param details     supporting lines (per canary metric, per anomaly), possibly empty
 * @param retryable   INCONCLUSIVE only because data may still arrive (a window not over, a canary short of points)
 * @param dryRun      the check is in dry run: shown, never enforced
 */
public record CheckResult(String name, String kind, CheckStatus status, Double observed, String threshold,
                          String explanation, double weight, boolean critical, List<String> details,
                          boolean retryable, boolean dryRun) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(threshold, "threshold");
        if (explanation == null || explanation.isBlank()) {
            throw new IllegalArgumentException("check " + name + " needs an explanation");
        }
        if (observed != null && !Double.isFinite(observed)) {
            observed = null;
        }
        details = List.copyOf(details);
        retryable = retryable && status == CheckStatus.INCONCLUSIVE;
    }

    static CheckResult of(GateCheck check, CheckStatus status, Double observed, String explanation,
                          List<String> details, boolean retryable) {
        return new CheckResult(check.name(), check.kind(), status, observed, check.limits().describe(), explanation,
                check.weight(), check.critical(), details, retryable, check.dryRun());
    }

    static CheckResult error(GateCheck check, RuntimeException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return of(check, CheckStatus.ERROR, null, "Vigil could not evaluate this check: " + why, List.of(), false);
    }
}
