package dev.vigil.gate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Stages 2 and 3 of a gate decision. Which checks count towards the score follows the policy: an INCONCLUSIVE
 * check counts as a FAIL under {@code onInconclusive: fail} and is left out otherwise (under {@code warn} it caps
 * the verdict at WARN, under {@code inconclusive} it makes the verdict INCONCLUSIVE unless something failed); an
 * ERROR counts as a FAIL under {@code fail-closed} and is left out under {@code fail-open}. Dry-run checks
 * are left out of the enforced verdict ({@link #decide}).
 */
final class GateScoring {

    private GateScoring() {
    }

    /** Stage 2: weighted credit (PASS 1, WARN 0.5, FAIL 0) over the counted checks; null when none counts. */
    private static Double score(List<CheckResult> checks, GatePolicy policy) {
        double total = 0;
        double credit = 0;
        for (CheckResult c : checks) {
            CheckStatus counted = counted(c.status(), policy);
            if (counted != null) {
                total += c.weight();
                credit += c.weight() * counted.credit();
            }
        }
        return total == 0 ? null : 100 * credit / total;
    }

    static CheckStatus counted(CheckStatus status, GatePolicy policy) {
        return switch (status) {
            case PASS, WARN, FAIL -> status;
            case ERROR -> policy.onError() == OnError.FAIL_CLOSED ? CheckStatus.FAIL : null;
            case INCONCLUSIVE -> policy.onInconclusive() == OnInconclusive.FAIL ? CheckStatus.FAIL : null;
        };
    }

    /**
     * Stages 2 and 3 with dry run: the enforced verdict leaves dry-run checks out, and a dry-run policy enforces
     * nothing (PASS); the verdict with everything enforced is kept beside it whenever something is in dry run.
     */
    static GateDecision decide(List<CheckResult> checks, GatePolicy policy, GateRequest request, Instant now) {
        GateDecision.PolicyRef ref = new GateDecision.PolicyRef(policy.name(), policy.version());
        Outcome all = outcome(checks, policy);
        boolean anyDryRun = checks.stream().anyMatch(CheckResult::dryRun);
        if (!policy.dryRun() && !anyDryRun) {
            return new GateDecision(all.verdict(), all.score(), all.reason(), checks, ref, request, now, null);
        }
        GateDecision.DryRun wouldBe = new GateDecision.DryRun(all.verdict(), all.score(), all.reason());
        if (policy.dryRun()) {
            return new GateDecision(Verdict.PASS, null, "policy " + policy.name() + " is in dry run and enforces "
                    + "nothing; it would have answered " + all.verdict(), checks, ref, request, now, wouldBe);
        }
        List<CheckResult> enforced = checks.stream().filter(c -> !c.dryRun()).toList();
        Outcome o = enforced.isEmpty()
                ? new Outcome(Verdict.PASS, null, "every check is in dry run, so nothing is enforced")
                : outcome(enforced, policy);
        String reason = o.reason() + "; in dry run, not enforced: "
                + names(checks.stream().filter(CheckResult::dryRun).toList());
        return new GateDecision(o.verdict(), o.score(), reason, checks, ref, request, now, wouldBe);
    }

    /** A verdict, the score it came from and why. */
    private record Outcome(Verdict verdict, Double score, String reason) {
    }

    /** Stage 3 over the given checks: hard failures first, then the score, then missing evidence. */
    private static Outcome outcome(List<CheckResult> checks, GatePolicy policy) {
        Double score = score(checks, policy);
        List<CheckResult> criticalFailed = checks.stream()
                .filter(c -> c.critical() && counted(c.status(), policy) == CheckStatus.FAIL).toList();
        List<CheckResult> errors = checks.stream().filter(c -> c.status() == CheckStatus.ERROR).toList();
        List<CheckResult> inconclusive = checks.stream().filter(c -> c.status() == CheckStatus.INCONCLUSIVE).toList();
        if (!criticalFailed.isEmpty()) {
            return new Outcome(Verdict.FAIL, score, "critical check failed: " + names(criticalFailed));
        } else if (!errors.isEmpty() && policy.onError() == OnError.FAIL_CLOSED) {
            return new Outcome(Verdict.FAIL, score, "Vigil could not evaluate " + names(errors)
                    + " and the policy fails closed");
        } else if (score != null && policy.thresholds().grade(score) == Verdict.FAIL) {
            return new Outcome(Verdict.FAIL, score, scoreText(score) + " is below the warn limit "
                    + Limits.fmt(policy.thresholds().warn()));
        } else if (!inconclusive.isEmpty() && policy.onInconclusive() == OnInconclusive.FAIL) {
            return new Outcome(Verdict.FAIL, score, "not enough evidence for " + names(inconclusive)
                    + " and the policy treats that as a failure");
        } else if (!inconclusive.isEmpty() && policy.onInconclusive() == OnInconclusive.INCONCLUSIVE) {
            return new Outcome(Verdict.INCONCLUSIVE, score, "not enough evidence for " + names(inconclusive));
        }
        return graded(checks, score, policy, inconclusive, errors);
    }

    private static Outcome graded(List<CheckResult> checks, Double score, GatePolicy policy,
                                  List<CheckResult> inconclusive, List<CheckResult> errors) {
        boolean capAtWarn = !inconclusive.isEmpty() && policy.onInconclusive() == OnInconclusive.WARN;
        if (score == null) {
            Verdict v = capAtWarn ? Verdict.WARN : Verdict.PASS;
            String why = "no check could be scored (" + names(checks) + "); the policy lets this through ("
                    + (errors.isEmpty() ? "onInconclusive: " + policy.onInconclusive().name().toLowerCase(Locale.ROOT)
                    : "onError: fail-open") + ")";
            return new Outcome(v, null, why);
        }
        Verdict verdict = policy.thresholds().grade(score);
        verdict = capAtWarn && verdict == Verdict.PASS ? Verdict.WARN : verdict;
        String reason = policy.thresholds().grade(score) == Verdict.PASS
                ? scoreText(score) + " meets the pass limit " + Limits.fmt(policy.thresholds().pass())
                : scoreText(score) + " is below the pass limit " + Limits.fmt(policy.thresholds().pass())
                        + "; not passed: " + names(checks.stream().filter(c -> c.status() != CheckStatus.PASS).toList());
        if (!errors.isEmpty()) {
            reason += "; left out, the policy fails open: " + names(errors);
        }
        if (!inconclusive.isEmpty()) {
            reason += "; inconclusive, left out of the score" + (capAtWarn ? " and capping the verdict at warn" : "")
                    + ": " + names(inconclusive);
        }
        return new Outcome(verdict, score, reason);
    }

    private static String scoreText(double score) {
        return String.format(Locale.ROOT, "score %.1f", score);
    }

    private static String names(List<CheckResult> checks) {
        return checks.stream().map(CheckResult::name).collect(Collectors.joining(", "));
    }
}
