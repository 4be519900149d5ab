package dev.vigil.gate;

import static dev.vigil.gate.GateEvaluatorTest.NOW;
import static dev.vigil.gate.GateEvaluatorTest.policy;
import static dev.vigil.gate.GateEvaluatorTest.request;
import static dev.vigil.gate.GateEvaluatorTest.scoreOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.ChangeSummary;
import dev.vigil.core.Severity;
import dev.vigil.gate.policy.PolicyLoadException;
import dev.vigil.gate.policy.PolicyLoader;
import dev.vigil.validation.ValidationIssue;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Risk bands: which band a stored prediction picks, what it does enforced and in dry run, and load errors. */
class RiskAdaptiveTest {

    static final String CHECKS = """
              - name: warning-anomalies
                kind: anomalies
                minSeverity: warning
                pass: 0
                warn: 2
            """;
    /** Score limits under which one WARN check (score 50) warns. */
    static final String BANDS = """
            thresholds: {pass: 100, warn: 50}
            riskAdaptive:
              dryRun: %s
              bands:
                - minRisk: 0.60
                  label: high-risk
                  thresholds: {pass: 100, warn: 100}
                  checks:
                    warning-anomalies: {pass: 0, warn: 0}
                - minRisk: 0.30
                  label: medium-risk
                  checks:
                    warning-anomalies: {pass: 0, warn: 1}
            """;

    private final InMemoryEvidence evidence = new InMemoryEvidence();

    /** An evaluator whose prediction capability knows {@code risk} for every deploy (empty: knows none). */
    private GateEvaluator evaluator(OptionalDouble risk) {
        Evidence.FailureProbability prediction = new Evidence.FailureProbability() {
            @Override
            public double of(GateRequest request) {
                throw new AssertionError("the risk stage never predicts now");
            }

            @Override
            public Evidence.KnownPrediction known(GateRequest request) {
                return new Evidence.KnownPrediction(risk, Optional.empty());
            }
        };
        return new GateEvaluator(evidence, evidence, evidence, Optional.of(prediction));
    }

    /** One open warning anomaly: a WARN under the policy's own limits (pass 0, warn 2). */
    private void oneWarningAnomaly() {
        evidence.anomalies.add(new Evidence.OpenAnomaly("a-0", "latency", Severity.WARNING, NOW.minusSeconds(600),
                null, scoreOf(Severity.WARNING), "latency above its band"));
    }

    private GateDecision decide(boolean dryRun, OptionalDouble risk) throws Exception {
        return evaluator(risk).evaluate(request(null), policy(BANDS.formatted(dryRun), CHECKS), NOW);
    }

    @Test
    void theHighestBandAtOrBelowTheRiskApplies() {
        RiskAdaptive r = new RiskAdaptive(false, java.util.List.of(
                new RiskAdaptive.Band(0.6, "high", new GateThresholds(100, 100), Map.of()),
                new RiskAdaptive.Band(0.3, "medium", new GateThresholds(100, 90), Map.of())));
        assertEquals(0.3, r.bands().get(0).minRisk(), "sorted ascending");
        assertTrue(r.band(0.29).isEmpty());
        assertEquals("medium", r.band(0.30).orElseThrow().label());
        assertEquals("medium", r.band(0.59).orElseThrow().label());
        assertEquals("high", r.band(0.95).orElseThrow().label());
    }

    @Test
    void anEnforcedBandHoldsTheDeployToItsLimitsAndSaysSoFirst() throws Exception {
        oneWarningAnomaly();
        GateDecision high = decide(false, OptionalDouble.of(0.72));
        assertEquals(Verdict.FAIL, high.verdict());
        assertTrue(high.reason().startsWith("risk 0.72 >= 0.60: high-risk limits; "), high.reason());
        assertEquals("pass <= 0, warn <= 0", high.checks().get(0).threshold());
        assertEquals(new RiskAdaptive.Stage(0.72, 0.6, "high-risk", false, "risk 0.72 >= 0.60: high-risk limits"),
                high.risk());
        assertNull(high.dryRun());
        assertEquals(Verdict.WARN, decide(false, OptionalDouble.of(0.42)).verdict(), "medium: one anomaly still warns");
        GateDecision low = decide(false, OptionalDouble.of(0.1));
        assertEquals(Verdict.WARN, low.verdict());
        assertEquals("risk 0.10 < 0.30: the policy's own limits", low.risk().summary());
        assertEquals("pass <= 0, warn <= 2", low.checks().get(0).threshold());
        GateDecision unknown = decide(false, OptionalDouble.empty());
        assertEquals(Verdict.WARN, unknown.verdict());
        assertEquals("no failure prediction for this deploy: the policy's own limits", unknown.risk().summary());
        assertNull(unknown.risk().risk());
    }

    @Test
    void aBandInDryRunKeepsItsVerdictBesideTheEnforcedOne() throws Exception {
        oneWarningAnomaly();
        GateDecision d = decide(true, OptionalDouble.of(0.72));
        assertEquals(Verdict.WARN, d.verdict());
        assertTrue(d.reason().endsWith("; in dry run, not enforced: risk 0.72 >= 0.60: high-risk limits"), d.reason());
        assertEquals("pass <= 0, warn <= 2", d.checks().get(0).threshold());
        assertEquals(Verdict.FAIL, d.dryRun().verdict());
        assertTrue(d.dryRun().reason().startsWith("risk 0.72 >= 0.60: high-risk limits (dry run); "), d.dryRun().reason());
        assertTrue(d.risk().dryRun());
    }

    @Test
    void aPolicyWithoutBandsHasNoRiskStage() throws Exception {
        GateDecision d = evaluator(OptionalDouble.of(0.9)).evaluate(request(null), policy("", CHECKS), NOW);
        assertNull(d.risk());
    }

    @Test
    void aBandNamingAnUnknownCheckOrLimitsAgainstItsDirectionIsALoadErrorWithItsLine() {
        String text = "match:\n  services: [\"*\"]\n  environments: [\"*\"]\nchecks:\n" + CHECKS
                + "riskAdaptive:\n  bands:\n    - minRisk: 0.5\n      checks:\n        warning-anomalies: {pass: 2, warn: 1}\n";
        PolicyLoadException e = assertThrows(PolicyLoadException.class,
                () -> new PolicyLoader().load(Map.of("p.yaml", text)));
        ValidationIssue issue = e.issues().get(0);
        assertEquals("riskAdaptive", issue.field());
        assertEquals(10, issue.line());
        assertTrue(issue.message().startsWith("riskAdaptive band high-risk: warn limit 1.0 must be >= pass limit 2.0"),
                issue.message());
        String noBands = "match:\n  services: [\"*\"]\n  environments: [\"*\"]\nchecks:\n" + CHECKS
                + "riskAdaptive:\n  dryRun: true\n";
        PolicyLoadException none = assertThrows(PolicyLoadException.class,
                () -> new PolicyLoader().load(Map.of("n.yaml", noBands)));
        assertTrue(none.issues().get(0).message().contains("riskAdaptive.bands needs 1-8 bands"),
                none.issues().get(0).message());
    }

    /** A port that counts its reads and knows one prediction of the deploy: risk 0.72, with its change. */
    private static final class CountingPrediction implements Evidence.FailureProbability {
        final ChangeSummary change = new ChangeSummary("p-1", 0.72, "HIGH", "a large change", java.util.List.of());
        int reads;

        @Override
        public double of(GateRequest request) {
            throw new AssertionError("the risk stage never predicts now");
        }

        @Override
        public Evidence.KnownPrediction known(GateRequest request) {
            reads++;
            return new Evidence.KnownPrediction(OptionalDouble.of(change.probability()), Optional.of(change));
        }
    }

    @Test
    void oneAnswerReadsTheKnownPredictionOnceForTheBandAndTheChange() throws Exception {
        oneWarningAnomaly();
        CountingPrediction port = new CountingPrediction();
        GateEvaluator evaluator = new GateEvaluator(evidence, evidence, evidence, Optional.of(port));
        Evidence.KnownOnce known = evaluator.known(request(null));
        assertEquals(0, port.reads, "nothing is read before it is needed");
        GateDecision d = evaluator.evaluate(request(null), policy(BANDS.formatted(false), CHECKS), NOW, known);
        ChangeSummary shown = known.get().change().orElseThrow();
        assertEquals(1, port.reads, "the risk stage and the change summary share one read");
        assertEquals(shown.probability(), d.risk().risk(), "the band and the change describe the same prediction");
        assertEquals("high-risk", d.risk().band());
    }

    @Test
    void withoutBandsTheKnownPredictionIsReadOnlyWhenTheAnswerShowsTheChange() throws Exception {
        CountingPrediction port = new CountingPrediction();
        GateEvaluator evaluator = new GateEvaluator(evidence, evidence, evidence, Optional.of(port));
        Evidence.KnownOnce known = evaluator.known(request(null));
        evaluator.evaluate(request(null), policy("", CHECKS), NOW, known);
        assertEquals(0, port.reads);
        assertEquals(port.change, known.get().change().orElseThrow());
        known.get();
        assertEquals(1, port.reads);
    }

    @Test
    void aKnownPredictionThatCannotBeReadLeavesThePolicysOwnLimitsAndNoChangeAndIsNotReadAgain() throws Exception {
        oneWarningAnomaly();
        int[] reads = {0};
        Evidence.FailureProbability failing = new Evidence.FailureProbability() {
            @Override
            public double of(GateRequest request) {
                throw new AssertionError("never predicts");
            }

            @Override
            public Evidence.KnownPrediction known(GateRequest request) {
                reads[0]++;
                throw new IllegalStateException("store down");
            }
        };
        GateEvaluator evaluator = new GateEvaluator(evidence, evidence, evidence, Optional.of(failing));
        Evidence.KnownOnce known = evaluator.known(request(null));
        GateDecision d = evaluator.evaluate(request(null), policy(BANDS.formatted(false), CHECKS), NOW, known);
        assertEquals(Verdict.WARN, d.verdict());
        assertEquals("no failure prediction for this deploy: the policy's own limits", d.risk().summary());
        assertTrue(known.get().change().isEmpty());
        assertEquals("store down", known.failure().getMessage());
        assertEquals(1, reads[0]);
    }
}
