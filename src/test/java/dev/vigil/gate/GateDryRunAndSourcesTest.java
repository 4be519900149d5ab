package dev.vigil.gate;

import static dev.vigil.gate.GateEvaluatorTest.CANARY;
import static dev.vigil.gate.GateEvaluatorTest.NOW;
import static dev.vigil.gate.GateEvaluatorTest.canaryBlock;
import static dev.vigil.gate.GateEvaluatorTest.policy;
import static dev.vigil.gate.GateEvaluatorTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Dry run (computed, never enforced) and checks that read a metric provider instead of Vigil's own data. */
class GateDryRunAndSourcesTest {

    static final String PASSING_SLO = """
              - name: errors
                kind: slo
                metric: errors
                aggregate: max
                pass: 0.01
            """;
    static final String FAILING_SLO_DRY_RUN = """
              - name: latency
                kind: slo
                metric: latency
                critical: true
                dryRun: true
                pass: 0.2
            """;

    private final InMemoryEvidence evidence = new InMemoryEvidence()
            .put("errors", Map.of(), 0.001, 0.002)
            .put("latency", Map.of(), 0.5, 0.6);

    /** The provider port as a test double: answers from a map by expression and records what it was asked. */
    private static final class RecordingSource implements MetricSource {
        final Map<String, double[]> answers = new java.util.HashMap<>();
        final List<String> asked = new ArrayList<>();
        MetricSourceException down;

        @Override
        public boolean knows(String provider) {
            return provider.equals("default");
        }

        @Override
        public double[] range(String provider, String expression, Instant from, Instant to, Duration step) {
            asked.add(expression + " @" + step);
            if (down != null) {
                throw down;
            }
            return answers.getOrDefault(expression, new double[0]);
        }
    }

    private final RecordingSource prometheus = new RecordingSource();
    private final GateEvaluator evaluator = new GateEvaluator(evidence, evidence, prometheus, evidence, Optional.empty());

    @Test
    void aDryRunCheckIsComputedAndShownButTheEnforcedVerdictLeavesItOut() throws Exception {
        GateDecision d = evaluator.evaluate(request(null), policy("", PASSING_SLO + FAILING_SLO_DRY_RUN), NOW);
        assertEquals(Verdict.PASS, d.verdict());
        assertEquals("score 100.0 meets the pass limit 100; in dry run, not enforced: latency", d.reason());
        CheckResult latency = d.checks().get(1);
        assertEquals(CheckStatus.FAIL, latency.status());
        assertTrue(latency.dryRun());
        assertFalse(d.checks().get(0).dryRun());
        assertEquals(Verdict.FAIL, d.dryRun().verdict());
        assertEquals("critical check failed: latency", d.dryRun().reason());
    }

    @Test
    void aDryRunPolicyAlwaysAnswersPassWithItsWouldBeVerdictBeside() throws Exception {
        GateDecision d = evaluator.evaluate(request(null),
                policy("dryRun: true\n", PASSING_SLO + FAILING_SLO_DRY_RUN.replace("dryRun: true", "dryRun: false")), NOW);
        assertEquals(Verdict.PASS, d.verdict());
        assertNull(d.score());
        assertEquals("policy p is in dry run and enforces nothing; it would have answered FAIL", d.reason());
        assertEquals(Verdict.FAIL, d.dryRun().verdict());
        assertEquals(50.0, d.dryRun().score());
    }

    @Test
    void nothingInDryRunLeavesNoDryRunVerdict() throws Exception {
        GateDecision d = evaluator.evaluate(request(null), policy("", PASSING_SLO), NOW);
        assertNull(d.dryRun());
    }

    @Test
    void aPrometheusSloExpandsThePlaceholdersEscapedAndAggregatesTheAnswer() throws Exception {
        String slo = """
                  - name: error-ratio
                    kind: slo
                    source: prometheus
                    query: 'max(errors{service="${service}",env="${environment}"})'
                    step: PT30S
                    aggregate: avg
                    pass: 0.01
                """;
        prometheus.answers.put("max(errors{service=\"checkout\",env=\"prod\"})", new double[] {0.02, 0.04});
        GateDecision d = evaluator.evaluate(request(null), policy("", slo), NOW);
        CheckResult c = d.checks().get(0);
        assertEquals(CheckStatus.FAIL, c.status());
        assertEquals(0.03, c.observed(), 1e-12);
        assertTrue(c.explanation().startsWith("avg of `max(errors{service=\"${service}\",env=\"${environment}\"})` "
                + "from Prometheus 'default' over the last PT10M is 0.03000"), c.explanation());
        assertEquals(List.of("max(errors{service=\"checkout\",env=\"prod\"}) @PT30S"), prometheus.asked);
    }

    @Test
    void aProviderThatCannotAnswerMakesTheCheckInconclusiveWithItsReason() throws Exception {
        prometheus.down = new MetricSourceException("Prometheus 'default' (http://prom:9090) is unreachable: connection refused");
        String slo = """
                  - name: error-ratio
                    kind: slo
                    source: prometheus
                    query: 'max(errors)'
                    pass: 0.01
                """;
        GateDecision d = evaluator.evaluate(request(null), policy("", slo), NOW);
        assertEquals(Verdict.INCONCLUSIVE, d.verdict());
        assertEquals(CheckStatus.INCONCLUSIVE, d.checks().get(0).status());
        assertEquals("Prometheus 'default' (http://prom:9090) is unreachable: connection refused",
                d.checks().get(0).explanation());
    }

    @Test
    void aPrometheusCanaryPutsTheMatcherOfEachSideInItsScope() throws Exception {
        String canary = CANARY.replace("window: PT10M", "window: PT10M\n    source: prometheus")
                .replace("direction: increase", "direction: increase\n        query: 'avg(latency{${scope}})'")
                .replace("direction: decrease", "direction: decrease\n        query: 'sum(rate(req{${scope}}[1m]))'");
        GateDecision d = evaluator.evaluate(request(canaryBlock()), policy("", canary), NOW);
        assertTrue(prometheus.asked.contains("avg(latency{version=\"1.5.0\"}) @PT15S"), prometheus.asked::toString);
        assertTrue(prometheus.asked.contains("avg(latency{version=\"1.4.2\"}) @PT15S"), prometheus.asked::toString);
        assertEquals(CheckStatus.INCONCLUSIVE, d.checks().get(0).status(), "no points from either side");
    }

    @Test
    void aWindowAnchoredAtTheDeployRunsFromDeployedAtAndIsInconclusiveWithoutIt() throws Exception {
        String slo = """
                  - name: error-ratio
                    kind: slo
                    source: prometheus
                    query: 'max(errors)'
                    anchor: deploy
                    window: PT30M
                    pass: 0.01
                """;
        Instant deployedAt = NOW.minusSeconds(600);
        List<Instant[]> windows = new ArrayList<>();
        MetricSource timed = new MetricSource() {
            @Override
            public boolean knows(String provider) {
                return true;
            }

            @Override
            public double[] range(String provider, String expression, Instant from, Instant to, Duration step) {
                windows.add(new Instant[] {from, to});
                return new double[] {0.001};
            }
        };
        GateEvaluator withWindows = new GateEvaluator(evidence, evidence, timed, evidence, Optional.empty());
        GateRequest deployed = new GateRequest(null, "checkout", "prod", "1.5.0", "abc1234", null, null, null, null,
                deployedAt);
        CheckResult c = withWindows.evaluate(deployed, policy("", slo), NOW).checks().get(0);
        assertEquals(CheckStatus.PASS, c.status());
        assertEquals(deployedAt, windows.get(0)[0]);
        assertEquals(NOW, windows.get(0)[1], "the 30 minutes after the deploy are not over: the part so far");
        assertTrue(c.explanation().contains("over PT30M from the deploy at " + deployedAt + " (so far)"), c.explanation());
        CheckResult without = withWindows.evaluate(request(null), policy("", slo), NOW).checks().get(0);
        assertEquals(CheckStatus.INCONCLUSIVE, without.status());
        assertTrue(without.explanation().endsWith("has no deployedAt"), without.explanation());
    }

    @Test
    void aRequestValueCannotBreakOutOfItsPromQlString() {
        GateRequest r = new GateRequest(null, "checkout", "prod", "1.5.0", "abc1234", null, null, null, null, null);
        assertEquals("x{a=\"1.5.0\"}", PromQl.expand("x{a=\"${version}\"}", r, null, null));
        assertEquals("a\\\"} or vector(1) #", PromQl.escape("a\"} or vector(1) #"));
        assertThrows(MetricSourceException.class, () -> PromQl.expand("x{${scope}}", r, "bad-label", "v"));
    }

    @Test
    void aPolicyNamingAProviderThatIsNotConfiguredIsRejectedBeforeAnythingIsRead() throws Exception {
        String slo = """
                  - name: error-ratio
                    kind: slo
                    source: prometheus
                    provider: elsewhere
                    query: 'max(errors)'
                    pass: 0.01
                """;
        GateRejectedException e = assertThrows(GateRejectedException.class,
                () -> evaluator.evaluate(request(null), policy("", slo), NOW));
        assertTrue(e.getMessage().contains("vigil.gate.providers.prometheus.elsewhere.url"), e.getMessage());
        assertTrue(prometheus.asked.isEmpty());
    }

    @Test
    void aPrometheusCheckNeedsAQueryAndAVigilCheckTakesNone() {
        String noQuery = """
                  - name: error-ratio
                    kind: slo
                    source: prometheus
                    pass: 0.01
                """;
        String queryOnVigil = """
                  - name: error-ratio
                    kind: slo
                    metric: errors
                    query: 'max(errors)'
                    pass: 0.01
                """;
        Exception a = assertThrows(Exception.class, () -> policy("", noQuery));
        assertTrue(a.toString().contains("field 'query' (PromQL) is required"), a::toString);
        Exception b = assertThrows(Exception.class, () -> policy("", queryOnVigil));
        assertTrue(b.toString().contains("field 'query' needs 'source: prometheus'"), b::toString);
    }
}
