package dev.vigil.gate;

import dev.vigil.canary.CanaryJudge;
import dev.vigil.canary.MannWhitneyClassifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Evaluates a request against a resolved policy: classify every check (stage 1), score them with their weights
 * (stage 2), hold the score and the hard rules against the policy's limits (stage 3). Time is an argument.
 */
public final class GateEvaluator {

    private final Evidence.Anomalies anomalies;
    private final SloEvaluator slos;
    private final CanaryEvaluator canaries;
    private final Optional<FailureProbabilityEvaluator> failureProbability;
    private final Optional<Evidence.FailureProbability> prediction;

    private final MetricSource providers;

    /** An evaluator without metric providers: {@code source: prometheus} checks are rejected. */
    public GateEvaluator(Evidence.Anomalies anomalies, Evidence.Metrics metrics, Evidence.Releases releases,
                         Optional<Evidence.FailureProbability> prediction) {
        this(anomalies, metrics, MetricSource.NONE, releases, prediction);
    }

    /**
     * @param metrics    Vigil's own data ({@code source: vigil})
     * @param providers  the configured metric stores ({@code source: prometheus})
     * @param prediction empty until Vigil has the prediction capability
     */
    public GateEvaluator(Evidence.Anomalies anomalies, Evidence.Metrics metrics, MetricSource providers,
                         Evidence.Releases releases, Optional<Evidence.FailureProbability> prediction) {
        this.anomalies = Objects.requireNonNull(anomalies, "anomalies");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.slos = new SloEvaluator(Objects.requireNonNull(metrics, "metrics"), providers,
                Objects.requireNonNull(releases, "releases"));
        this.canaries = new CanaryEvaluator(metrics, providers, new CanaryJudge(new MannWhitneyClassifier()));
        this.failureProbability = prediction.map(FailureProbabilityEvaluator::new);
        this.prediction = prediction;
    }

    /**
     * @throws GateRejectedException when the policy needs a capability this Vigil lacks or the request contradicts
     *                               the policy; nothing is evaluated then
     */
    public GateDecision evaluate(GateRequest request, GatePolicy policy, Instant now) {
        return evaluate(request, policy, now, known(request));
    }

    /**
     * As {@link #evaluate(GateRequest, GatePolicy, Instant)}, with the request's known prediction shared with the
     * caller, who shows its change beside the decision: one read for both.
     */
    public GateDecision evaluate(GateRequest request, GatePolicy policy, Instant now, Evidence.KnownOnce known) {
        reject(request, policy);
        // checks with the same window (the default policy's critical and warning checks) share one store query
        Evidence.Anomalies oncePerWindow = new OncePerWindow(anomalies);
        List<CheckResult> results = new ArrayList<>();
        for (GateCheck check : policy.checks()) {
            results.add(classify(check, request, now, oncePerWindow));
        }
        GateDecision decision = GateScoring.decide(results, policy, request, now);
        return policy.riskAdaptive() == null ? decision
                : adaptToRisk(decision, results, request, policy, now, oncePerWindow, known);
    }

    /** The request's known prediction, not read yet: read on first use, then shared. */
    public Evidence.KnownOnce known(GateRequest request) {
        return new Evidence.KnownOnce(prediction.orElse(null), request);
    }

    /**
     * The risk stage: the deploy's known prediction picks a band; its limits decide (enforced), or decide the
     * would-be verdict kept beside the policy's own (dry run). Only the checks the band changes are evaluated again.
     */
    private GateDecision adaptToRisk(GateDecision own, List<CheckResult> ownResults, GateRequest request,
                                     GatePolicy policy, Instant now, Evidence.Anomalies oncePerWindow,
                                     Evidence.KnownOnce known) {
        RiskAdaptive.Stage stage = policy.riskAdaptive().stage(knownRisk(known));
        if (!stage.applied()) {
            return own.withRisk(stage, own.dryRun(), own.reason());
        }
        GatePolicy strict = policy.under(policy.riskAdaptive().band(stage.risk()).orElseThrow());
        List<CheckResult> results = new ArrayList<>(ownResults.size());
        for (int i = 0; i < strict.checks().size(); i++) {
            GateCheck check = strict.checks().get(i);
            results.add(check == policy.checks().get(i) ? ownResults.get(i) : classify(check, request, now, oncePerWindow));
        }
        GateDecision banded = GateScoring.decide(results, strict, request, now);
        if (!stage.dryRun()) {
            return banded.withRisk(stage, banded.dryRun(), stage.summary() + "; " + banded.reason());
        }
        GateDecision.DryRun wouldBe = banded.dryRun() != null ? banded.dryRun()
                : new GateDecision.DryRun(banded.verdict(), banded.score(), banded.reason());
        return own.withRisk(stage, new GateDecision.DryRun(wouldBe.verdict(), wouldBe.score(),
                stage.summary() + " (dry run); " + wouldBe.reason()),
                own.reason() + "; in dry run, not enforced: " + stage.summary());
    }

    /** The deploy's stored prediction; none when there is none or it cannot be read (the policy's own limits then). */
    private static OptionalDouble knownRisk(Evidence.KnownOnce known) {
        OptionalDouble p = known.get().deployRisk();
        return p.isPresent() && p.getAsDouble() >= 0 && p.getAsDouble() <= 1 ? p : OptionalDouble.empty();
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
            String provider = check instanceof SloCheck s ? s.provider()
                    : check instanceof CanaryCheck c ? c.provider() : null;
            if (provider != null && !providers.knows(provider)) {
                throw new GateRejectedException("policy '" + policy.name() + "' uses check '" + check.name()
                        + "' with Prometheus provider '" + provider + "', which this Vigil does not configure; set "
                        + "vigil.gate.providers.prometheus." + provider + ".url");
            }
        }
    }

    /** Stage 1 for one check; an evidence source that throws makes the check ERROR, never a silent pass. */
    private CheckResult classify(GateCheck check, GateRequest request, Instant now, Evidence.Anomalies anomalies) {
        try {
            if (check instanceof AnomaliesCheck a) {
                return AnomaliesEvaluator.evaluate(anomalies, a, request, now);
            }
            if (check instanceof SloCheck s) {
                return slos.evaluate(s, request, now);
            }
            if (check instanceof CanaryCheck c) {
                return canaries.evaluate(c, request, now);
            }
            FailureProbabilityCheck f = (FailureProbabilityCheck) check;
            return failureProbability.orElseThrow().evaluate(f, request, now);
        } catch (MetricSourceException e) {
            // the team's metrics store is down or answered nothing usable: missing evidence, not Vigil failing
            return CheckResult.of(check, CheckStatus.INCONCLUSIVE, null, e.getMessage(), List.of(), false);
        } catch (RuntimeException e) {
            return CheckResult.error(check, e);
        }
    }

    /**
     * Remembers the port's answers for one evaluation, by service, environment and window: the checks of one
     * evaluation see the same anomalies, and the store is asked once per distinct window. A failure is not
     * remembered, so each check asking turns ERROR on its own.
     */
    private static final class OncePerWindow implements Evidence.Anomalies {
        private record Key(String service, String environment, Instant from, Instant to) {
        }

        private final Evidence.Anomalies port;
        private final Map<Key, List<Evidence.OpenAnomaly>> answers = new HashMap<>();
        private final Map<String, Integer> counts = new HashMap<>();

        OncePerWindow(Evidence.Anomalies port) {
            this.port = port;
        }

        @Override
        public List<Evidence.OpenAnomaly> open(String service, String environment, Instant from, Instant to) {
            Key key = new Key(service, environment, from, to);
            List<Evidence.OpenAnomaly> known = answers.get(key);
            if (known == null) {
                known = port.open(service, environment, from, to);
                answers.put(key, known);
            }
            return known;
        }

        @Override
        public int seriesCount(String service, String environment) {
            return counts.computeIfAbsent(service + "\u0000" + environment, k -> port.seriesCount(service, environment));
        }
    }
}
