package dev.vigil.gate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The gate's answer, with every stage visible: one {@link CheckResult} per check (stage 1), the weighted score
 * (stage 2, null when no check could be scored) and the verdict with its reason (stage 3).
 *
 * @param dryRun what the decision would have been with every dry-run check (and a dry-run policy) enforced; null
 *               when nothing is in dry run. The verdict, score and reason are the enforced ones.
 * @param risk   how the deploy's predicted risk chose the limits ({@link RiskAdaptive}); null when the policy
 *               has no risk bands
 */
public record GateDecision(Verdict verdict, Double score, String reason, List<CheckResult> checks,
                           PolicyRef policy, GateRequest inputs, Instant decidedAt, DryRun dryRun,
                           RiskAdaptive.Stage risk) {

    /** A decision of a policy without risk bands. */
    public GateDecision(Verdict verdict, Double score, String reason, List<CheckResult> checks, PolicyRef policy,
                        GateRequest inputs, Instant decidedAt, DryRun dryRun) {
        this(verdict, score, reason, checks, policy, inputs, decidedAt, dryRun, null);
    }

    /** The would-be verdict of a decision with checks (or its policy) in dry run: shown and counted, not enforced. */
    public record DryRun(Verdict verdict, Double score, String reason) {
        public DryRun {
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Which policy, exactly, judged. */
    public record PolicyRef(String name, String version) {
        public PolicyRef {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
        }
    }

    public GateDecision {
        Objects.requireNonNull(verdict, "verdict");
        if (score != null && !(score >= 0 && score <= 100)) {
            throw new IllegalArgumentException("score must be within 0-100, got " + score);
        }
        Objects.requireNonNull(reason, "reason");
        checks = List.copyOf(checks);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    /**
     * The verdict is INCONCLUSIVE only because data may still arrive (for an enforced check; a dry run never keeps an
     * evaluation waiting): a server may keep the evaluation PENDING and
     * evaluate again, until the request's {@code canary.waitFor} has passed.
     */
    public boolean retryable() {
        return verdict == Verdict.INCONCLUSIVE && checks.stream().anyMatch(c -> c.retryable() && !c.dryRun());
    }

    /** This decision with its risk stage and, when the stage's band ran in dry run, its would-be verdict. */
    GateDecision withRisk(RiskAdaptive.Stage stage, DryRun wouldBe, String newReason) {
        return new GateDecision(verdict, score, newReason, checks, policy, inputs, decidedAt, wouldBe, stage);
    }

    /** Checks that did not pass, in policy order. */
    public List<CheckResult> notPassed() {
        return checks.stream().filter(c -> c.status() != CheckStatus.PASS).toList();
    }
}
