package dev.vigil.gate;

import dev.vigil.canary.CanaryJudge;
import dev.vigil.canary.MannWhitneyClassifier;
import dev.vigil.canary.SamplePair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Gathers a {@link DecisionReport} for the decision page. The windows are those the evaluator read at the decision
 * time (it evaluated at {@code decidedAt}); the samples and anomalies are read again over them through the same
 * ports, so the page shows what the store holds now (rollups are kept for {@code vigil.gate.rollups.retention}).
 * Evidence that cannot be read leaves a note, never an error page.
 */
public final class DecisionReports {

    /** Anomalies listed at most. */
    static final int MAX_ANOMALIES = 50;

    private final CanaryEvaluator canaries;
    private final Evidence.Anomalies anomalies;
    private final DeployRiskReport.Source risks;

    public DecisionReports(Evidence.Metrics metrics, MetricSource providers, Evidence.Anomalies anomalies,
                           DeployRiskReport.Source risks) {
        // the judge is never asked here; the evaluator is used for its sample reading alone
        this.canaries = new CanaryEvaluator(Objects.requireNonNull(metrics, "metrics"),
                Objects.requireNonNull(providers, "providers"), new CanaryJudge(new MannWhitneyClassifier()));
        this.anomalies = Objects.requireNonNull(anomalies, "anomalies");
        this.risks = Objects.requireNonNull(risks, "risks");
    }

    /**
     * @param inForce the policy in force under the decision's policy name, if any; used only when its version is
     *                the one that decided
     */
    public DecisionReport of(GateEvaluation evaluation, Optional<GatePolicy> inForce) {
        List<String> notes = new ArrayList<>();
        Optional<DeployRiskReport> risk = risk(evaluation.request(), notes);
        GateDecision decision = evaluation.decision();
        if (decision == null) {
            notes.add("The evaluation is still waiting for evidence: windows and samples are shown once it is decided.");
            return new DecisionReport(evaluation, Optional.empty(), List.of(), List.of(), List.of(), risk, notes);
        }
        Optional<GatePolicy> policy = inForce.filter(p -> p.version().equals(decision.policy().version()));
        if (policy.isEmpty()) {
            notes.add("Policy " + decision.policy().name() + " has changed since this decision (or is gone): its "
                    + "evidence windows, samples and anomalies are not shown.");
            return new DecisionReport(evaluation, Optional.empty(), List.of(), List.of(), List.of(), risk, notes);
        }
        GateRequest request = evaluation.request();
        Instant at = decision.decidedAt();
        List<DecisionReport.Window> windows = new ArrayList<>();
        List<DecisionReport.CanarySeries> series = new ArrayList<>();
        Map<String, Evidence.OpenAnomaly> open = new LinkedHashMap<>();
        for (GateCheck check : policy.get().checks()) {
            window(check, request, at).ifPresent(windows::add);
            if (check instanceof CanaryCheck c && request.canary() != null) {
                series.addAll(series(c, request, at, notes));
            } else if (check instanceof AnomaliesCheck a) {
                anomalies(a, request, at, notes).forEach(x -> open.putIfAbsent(x.id(), x));
            }
        }
        return new DecisionReport(evaluation, policy, windows, series,
                open.values().stream().limit(MAX_ANOMALIES).toList(), risk, notes);
    }

    /** The window a check read at {@code at}, as its evaluator computes it; empty for a check without one. */
    static Optional<DecisionReport.Window> window(GateCheck check, GateRequest request, Instant at) {
        if (check instanceof AnomaliesCheck a) {
            Instant ref = request.reference(at);
            return Optional.of(new DecisionReport.Window(a.name(), a.kind(), ref.minus(a.before()), ref.plus(a.after())));
        }
        if (check instanceof CanaryCheck c && request.canary() != null) {
            Duration w = CanaryEvaluator.window(c, request.canary());
            return Optional.of(new DecisionReport.Window(c.name(), c.kind(), at.minus(w), at));
        }
        if (check instanceof SloCheck s) {
            return sloWindow(s, request, at);
        }
        return Optional.empty();
    }

    private static Optional<DecisionReport.Window> sloWindow(SloCheck s, GateRequest request, Instant at) {
        if (s.anchor() == SloCheck.Anchor.NOW) {
            return Optional.of(new DecisionReport.Window(s.name(), s.kind(), at.minus(s.window()), at));
        }
        Instant deployed = request.deployedAt();
        if (deployed == null || !deployed.isBefore(at)) {
            return Optional.empty();
        }
        Instant end = deployed.plus(s.window());
        return Optional.of(new DecisionReport.Window(s.name(), s.kind(), deployed, end.isBefore(at) ? end : at));
    }

    private List<DecisionReport.CanarySeries> series(CanaryCheck check, GateRequest request, Instant at,
                                                     List<String> notes) {
        CanaryRequest canary = request.canary();
        Instant from = at.minus(CanaryEvaluator.window(check, canary));
        Map<String, SamplePair> samples;
        try {
            samples = canaries.samples(check, request, at);
        } catch (RuntimeException e) {
            // the cause may name internal hosts: the page only says that the samples could not be read
            notes.add("The samples of canary check " + check.name() + " could not be read now.");
            return List.of();
        }
        List<DecisionReport.CanarySeries> out = new ArrayList<>();
        samples.forEach((metric, pair) -> out.add(new DecisionReport.CanarySeries(check.name(), metric,
                canary.label(), canary.canary(), canary.baseline(), from, at, pair.canary(), pair.baseline())));
        return out;
    }

    private List<Evidence.OpenAnomaly> anomalies(AnomaliesCheck check, GateRequest request, Instant at,
                                                 List<String> notes) {
        Instant ref = request.reference(at);
        try {
            return anomalies.open(request.service(), request.environment(), ref.minus(check.before()),
                    ref.plus(check.after()));
        } catch (RuntimeException e) {
            notes.add("The anomalies of check " + check.name() + " could not be read now.");
            return List.of();
        }
    }

    private Optional<DeployRiskReport> risk(GateRequest request, List<String> notes) {
        try {
            return risks.of(request);
        } catch (RuntimeException e) {
            notes.add("The deploy's predicted risk could not be read now.");
            return Optional.empty();
        }
    }
}
