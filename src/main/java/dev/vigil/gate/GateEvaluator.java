package dev.vigil.gate;

import dev.vigil.canary.CanaryJudge;
import dev.vigil.canary.MannWhitneyClassifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates a request against a resolved policy: classify every check (stage 1), score them with their weights
 * (stage 2), hold the score and the hard rules against the policy's limits (stage 3). Time is an argument.
 */
public final class GateEvaluator {

    private final AnomaliesEvaluator anomalies;
    private final SloEvaluator slos;
    private final CanaryEvaluator canaries;
    private final Optional<FailureProbabilityEvaluator> failureProbability;

    /** @param prediction empty until Vigil has the prediction capability */
    public GateEvaluator(Evidence.Anomalies anomalies, Evidence.Metrics metrics, Evidence.Releases releases,
                         Optional<Evidence.FailureProbability> prediction) {
        this.anomalies = new AnomaliesEvaluator(Objects.requireNonNull(anomalies, "anomalies"));
        this.slos = new SloEvaluator(Objects.requireNonNull(metrics, "metrics"), Objects.requireNonNull(releases, "releases"));
        this.canaries = new CanaryEvaluator(metrics, new CanaryJudge(new MannWhitneyClassifier()));
        this.failureProbability = prediction.map(FailureProbabilityEvaluator::new);
    }

    /**
     * @throws GateRejectedException when the policy needs a capability this Vigil lacks or the request contradicts
     *                               the policy; nothing is evaluated then
     */
    public GateDecision evaluate(GateRequest request, GatePolicy policy, Instant now) {
        reject(request, policy);
        List<CheckResult> results = new ArrayList<>();
        for (GateCheck check : policy.checks()) {
            results.add(classify(check, request, now));
        }
        Double score = GateScoring.score(results, policy);
        return GateScoring.decide(results, score, policy, request, now);
    }

    private void reject(GateRequest request, GatePolicy policy) {
        for (GateCheck check : policy.checks()) {
            if (check instanceof FailureProbabilityCheck && failureProbability.isEmpty()) {
                throw new GateRejectedException("policy '" + policy.name() + "' uses check '" + check.name()
                        + "' of kind failure-probability, but this Vigil has no failure prediction yet; remove the "
                        + "check from the policy (or from the policy it extends, with removeChecks)");
            }
            if (check instanceof CanaryCheck canary) {
                CanaryEvaluator.validate(canary, request);
            }
        }
    }

    /** Stage 1 for one check; an evidence source that throws makes the check ERROR, never a silent pass. */
    private CheckResult classify(GateCheck check, GateRequest request, Instant now) {
        try {
            if (check instanceof AnomaliesCheck a) {
                return anomalies.evaluate(a, request, now);
            }
            if (check instanceof SloCheck s) {
                return slos.evaluate(s, request, now);
            }
            if (check instanceof CanaryCheck c) {
                return canaries.evaluate(c, request, now);
            }
            FailureProbabilityCheck f = (FailureProbabilityCheck) check;
            return failureProbability.orElseThrow().evaluate(f, request, now);
        } catch (RuntimeException e) {
            return CheckResult.error(check, e);
        }
    }
}
