package dev.vigil.gate;

import static dev.vigil.gate.GateEvaluatorTest.ANOMALIES;
import static dev.vigil.gate.GateEvaluatorTest.CANARY;
import static dev.vigil.gate.GateEvaluatorTest.NOW;
import static dev.vigil.gate.GateEvaluatorTest.policy;
import static dev.vigil.gate.GateEvaluatorTest.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the decision page shows besides the stored decision: the windows the evaluator read, their samples, anomalies, risk. */
class DecisionReportsTest {

    private final InMemoryEvidence evidence = new InMemoryEvidence();
    private final GateEvaluator evaluator = new GateEvaluator(evidence, evidence, evidence, Optional.empty());
    private final DeployRiskReport risk = new DeployRiskReport(0.4, "MEDIUM", "m1", List.of("touches 12 files"),
            NOW.minusSeconds(60));
    private final DecisionReports reports = new DecisionReports(evidence, MetricSource.NONE, evidence,
            request -> Optional.of(risk));

    /** No waitFor: the evaluation is decided at once, whatever the samples. */
    private static CanaryRequest canaryBlock() {
        return new CanaryRequest("version", "1.4.2", "1.5.0", List.of(), null, null);
    }

    private GateEvaluation decided(GatePolicy policy, GateRequest request) {
        return GateEvaluation.start("ev-1", request, NOW, "http://v/ev-1")
                .advance(evaluator.evaluate(request, policy, NOW), NOW);
    }

    @Test
    void theWindowsAreThoseTheEvaluatorReadAndTheSamplesAndAnomaliesAreReadOverThem() throws Exception {
        evidence.put("latency", Map.of("version", "1.5.0"), 1, 2, 3);
        evidence.put("latency", Map.of("version", "1.4.2"), 4, 5);
        evidence.anomalies.add(new Evidence.OpenAnomaly("a-1", "latency", Severity.CRITICAL, NOW.minusSeconds(600),
                null, 0.97, "latency above its band"));
        GatePolicy policy = policy("", ANOMALIES + CANARY);
        GateEvaluation e = decided(policy, request(canaryBlock()));

        DecisionReport report = reports.of(e, Optional.of(policy));

        assertEquals(List.of(
                new DecisionReport.Window("critical-anomalies", "anomalies", NOW.minusSeconds(1800), NOW),
                new DecisionReport.Window("warning-anomalies", "anomalies", NOW.minusSeconds(1800), NOW),
                new DecisionReport.Window("canary", "canary", NOW.minusSeconds(600), NOW)), report.windows());
        assertEquals(List.of("latency", "throughput"), report.canaries().stream().map(DecisionReport.CanarySeries::metric).toList());
        DecisionReport.CanarySeries latency = report.canaries().get(0);
        assertArrayEquals(new double[] {1, 2, 3}, latency.canary());
        assertArrayEquals(new double[] {4, 5}, latency.baseline());
        assertEquals("1.5.0", latency.canaryValue());
        assertEquals(List.of("a-1"), report.anomalies().stream().map(Evidence.OpenAnomaly::id).toList(),
                "one anomaly, though two checks share its window");
        assertEquals(Optional.of(risk), report.risk());
        assertEquals(List.of(), report.notes());
    }

    @Test
    void aPolicyChangedSinceTheDecisionShowsTheStoredDecisionOnlyAndSaysWhy() throws Exception {
        GateEvaluation e = decided(policy("", CANARY), request(canaryBlock()));
        GatePolicy changed = policy("", CANARY.replace("PT10M", "PT20M"));
        DecisionReport report = reports.of(e, Optional.of(changed));
        assertTrue(report.windows().isEmpty() && report.canaries().isEmpty() && report.policy().isEmpty());
        assertTrue(report.notes().get(0).contains("has changed since"), report.notes().toString());
        assertEquals(Optional.of(risk), report.risk(), "the risk does not depend on the policy");
    }

    @Test
    void evidenceThatCannotBeReadLeavesANoteWithoutItsCause() throws Exception {
        GatePolicy policy = policy("", CANARY);
        GateEvaluation e = decided(policy, request(canaryBlock()));
        evidence.metricsFailure = new IllegalStateException("http://prometheus.internal:9090 refused");
        DecisionReport report = new DecisionReports(evidence, MetricSource.NONE, evidence, request -> {
            throw new IllegalStateException("db down");
        }).of(e, Optional.of(policy));
        assertEquals(List.of("The deploy's predicted risk could not be read now.",
                "The samples of canary check canary could not be read now."), report.notes());
        assertEquals(1, report.windows().size(), "the window is known without reading anything");
    }

    @Test
    void anSloWindowAnchoredAtTheDeployRunsFromTheDeployToItsEndOrTheDecision() throws Exception {
        GatePolicy policy = policy("", """
                  - name: errors
                    kind: slo
                    metric: errors
                    aggregate: max
                    window: PT1H
                    anchor: deploy
                    pass: 1
                """);
        Instant deployed = NOW.minusSeconds(600);
        GateRequest request = new GateRequest(null, "checkout", "prod", "1.5.0", "abc", null, null, null, null, deployed);
        assertEquals(Optional.of(new DecisionReport.Window("errors", "slo", deployed, NOW)),
                DecisionReports.window(policy.checks().get(0), request, NOW));
    }
}
