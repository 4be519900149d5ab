package dev.vigil.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.Severity;
import dev.vigil.gate.policy.PolicyLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GateEvaluatorTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final String ANOMALIES = """
              - name: critical-anomalies
                kind: anomalies
                critical: true
                minSeverity: critical
                pass: 0
              - name: warning-anomalies
                kind: anomalies
                minSeverity: warning
                pass: 0
                warn: 2
            """;
    static final String SLO_RELATIVE = """
              - name: latency-vs-previous
                kind: slo
                metric: latency
                aggregate: avg
                window: PT10M
                comparison: relative
                pass: 10
                warn: 25
            """;
    static final String CANARY = """
              - name: canary
                kind: canary
                critical: true
                window: PT10M
                metrics:
                  - name: latency
                    direction: increase
                  - name: throughput
                    direction: decrease
            """;

    private final InMemoryEvidence evidence = new InMemoryEvidence();
    private final GateEvaluator evaluator = new GateEvaluator(evidence, evidence, evidence, Optional.empty());

    static GatePolicy policy(String header, String checks) throws Exception {
        String text = "match:\n  services: [\"*\"]\n  environments: [\"*\"]\n" + header + "checks:\n" + checks;
        return new PolicyLoader().load(Map.of("p.yaml", text)).named("p").orElseThrow();
    }

    static GateRequest request(CanaryRequest canary) {
        return new GateRequest("req-1", "checkout", "prod", "1.5.0", "abc1234", "abc0000", null, null, canary, null);
    }

    static CanaryRequest canaryBlock() {
        return new CanaryRequest("version", "1.4.2", "1.5.0", List.of(), null, Duration.ofMinutes(5));
    }

    /** An anomaly of its own minute (anomalies of one service that overlap in time are one incident). */
    private void anomaly(Severity severity, String metric) {
        Instant start = NOW.minusSeconds(900 - 60L * evidence.anomalies.size());
        evidence.anomalies.add(new Evidence.OpenAnomaly("a-" + evidence.anomalies.size(), metric, severity,
                start, start.plusSeconds(30), scoreOf(severity), metric + " above its band"));
    }

    /** A peak score detection would give an anomaly of that severity (AlarmRate: 0.75 info, 0.85 warning, 0.95 critical). */
    static double scoreOf(Severity severity) {
        return switch (severity) {
            case INFO -> 0.76;
            case WARNING -> 0.9;
            case CRITICAL -> 0.97;
        };
    }

    private static double[] normal(long seed, int n, double mean) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean * (1 + 0.05 * r.nextGaussian());
        }
        return v;
    }

    private void canarySeries(double canaryLatency) {
        evidence.put("latency", Map.of("version", "1.5.0"), normal(1, 60, canaryLatency));
        evidence.put("latency", Map.of("version", "1.4.2"), normal(2, 60, 100));
        evidence.put("throughput", Map.of("version", "1.5.0"), normal(3, 60, 500));
        evidence.put("throughput", Map.of("version", "1.4.2"), normal(4, 60, 500));
    }

    @Test
    void passesAReleaseWithNoAnomalies() throws Exception {
        GateDecision d = evaluator.evaluate(request(null), policy("", ANOMALIES), NOW);
        assertEquals(Verdict.PASS, d.verdict(), d.reason());
        assertEquals(100.0, d.score());
        assertEquals("score 100.0 meets the pass limit 100", d.reason());
        assertEquals(List.of(CheckStatus.PASS, CheckStatus.PASS), d.checks().stream().map(CheckResult::status).toList());
    }

    @Test
    void warningAnomaliesOnSeveralSeriesAtOnceAreOneIncident() throws Exception {
        for (String metric : List.of("latency", "error_ratio", "throughput")) { // a slow dependency shows everywhere
            evidence.anomalies.add(new Evidence.OpenAnomaly(metric, metric, Severity.WARNING, NOW.minusSeconds(600),
                    null, scoreOf(Severity.WARNING), metric + " above its band"));
        }
        GateDecision d = evaluator.evaluate(request(null), policy("thresholds: {pass: 100, warn: 50}\n", ANOMALIES), NOW);
        CheckResult warning = d.checks().get(1);
        assertEquals(1.0, warning.observed(), "three anomalies that overlap are one incident");
        assertEquals(CheckStatus.WARN, warning.status(), "one incident warns (warn <= 2); three separate ones would fail");
    }

    @Test
    void failsOnACriticalAnomalyWhateverTheScore() throws Exception {
        anomaly(Severity.CRITICAL, "error_ratio");
        GateDecision d = evaluator.evaluate(request(null), policy("thresholds: {pass: 50, warn: 0}\n", ANOMALIES), NOW);
        assertEquals(Verdict.FAIL, d.verdict());
        assertEquals("critical check failed: critical-anomalies", d.reason());
        CheckResult c = d.checks().get(0);
        assertEquals(1.0, c.observed());
        assertTrue(c.explanation().startsWith("1 incident of severity critical or worse on checkout in prod"), c.explanation());
        assertEquals(List.of("critical incident from 2026-11-25T09:45:00Z: error_ratio above its band (a-0); false-alarm"
                + " rate at the service 0.0013 of a daily budget"), c.details());
    }

    @Test
    void theTextSaysEachChecksLimitsOnceAndCountsAnomaliesOpenInTheWindow() throws Exception {
        anomaly(Severity.CRITICAL, "error_ratio");
        evidence.anomalies.add(new Evidence.OpenAnomaly("ended", "latency", Severity.WARNING, NOW.minusSeconds(1200),
                NOW.minusSeconds(900), scoreOf(Severity.WARNING), "latency above its band, ended"));
        GateDecision d = evaluator.evaluate(request(null), policy("thresholds: {pass: 50, warn: 0}\n", ANOMALIES), NOW);
        String text = GateDecisionText.format(new GateEvaluation("ev", GateEvaluation.Status.DONE, d.inputs(), NOW, d,
                "http://vigil/x"));
        for (CheckResult c : d.checks()) {
            assertEquals(1, text.split(java.util.regex.Pattern.quote(c.threshold()), -1).length - 1,
                    () -> c.name() + "'s limits '" + c.threshold() + "' once:\n" + text);
            assertTrue(c.explanation().contains("(2 anomalies open in that time"), c.explanation());
            assertFalse(c.explanation().contains("open anomal"), c.explanation());
        }
    }

    @Test
    void anomalyChecksWithTheSameWindowAskTheStoreOncePerEvaluation() throws Exception {
        anomaly(Severity.CRITICAL, "error_ratio");
        String otherWindow = """
                  - name: recent-warning
                    kind: anomalies
                    minSeverity: warning
                    before: PT5M
                    pass: 0
                """;
        GateDecision d = evaluator.evaluate(request(null), policy("", ANOMALIES + otherWindow), NOW);
        assertEquals(List.of(1.0, 1.0, 1.0), d.checks().stream().map(CheckResult::observed).toList());
        assertEquals(2, evidence.anomalyQueries.size(), "one query per distinct window");
        evaluator.evaluate(request(null), policy("", ANOMALIES), NOW.plusSeconds(60));
        assertEquals(3, evidence.anomalyQueries.size(), "a new evaluation asks again");
    }

    @Test
    void warnsOnOneMajorAnomaly() throws Exception {
        anomaly(Severity.WARNING, "latency");
        GateDecision d = evaluator.evaluate(request(null), policy("", ANOMALIES), NOW);
        assertEquals(Verdict.WARN, d.verdict(), d.reason());
        assertEquals(75.0, d.score());
        assertEquals("pass <= 0, warn <= 2", d.checks().get(1).threshold());
    }

    @Test
    void failsWhenLatencyRegressesAgainstThePreviousRelease() throws Exception {
        evidence.previous = new Evidence.ReleaseWindow("1.4.2", NOW.minusSeconds(7200), NOW.minusSeconds(600));
        evidence.putPrevious("latency", Map.of(), 100, 100, 100);
        evidence.put("latency", Map.of(), 140, 140, 140);
        GateDecision d = evaluator.evaluate(request(null), policy("", SLO_RELATIVE), NOW);
        assertEquals(Verdict.FAIL, d.verdict());
        CheckResult c = d.checks().get(0);
        assertEquals(40.0, c.observed(), 1e-9);
        assertEquals("avg of latency over the last PT10M is 140.0, +40.0% against 100.0 in release 1.4.2",
                c.explanation());
        assertEquals("pass <= 10, warn <= 25", c.threshold(), "the limits are said once, in the threshold");
    }

    @Test
    void treatsMissingEvidenceAsThePolicySays() throws Exception {
        evidence.put("latency", Map.of(), 100, 100); // no previous release: the relative SLO is inconclusive
        assertEquals(Verdict.INCONCLUSIVE, evaluator.evaluate(request(null), policy("", SLO_RELATIVE), NOW).verdict());
        assertEquals(Verdict.FAIL, evaluator.evaluate(request(null), policy("onInconclusive: fail\n", SLO_RELATIVE), NOW).verdict());
        GateDecision warn = evaluator.evaluate(request(null), policy("onInconclusive: warn\n", ANOMALIES + SLO_RELATIVE), NOW);
        assertEquals(Verdict.WARN, warn.verdict());
        assertEquals("score 100.0 meets the pass limit 100; inconclusive, left out of the score and capping the "
                + "verdict at warn: latency-vs-previous", warn.reason());
        GateDecision pass = evaluator.evaluate(request(null), policy("onInconclusive: pass\n", SLO_RELATIVE), NOW);
        assertEquals(Verdict.PASS, pass.verdict());
        assertNull(pass.score());
        assertTrue(pass.checks().get(0).explanation().startsWith("no previous release of checkout in prod"));
    }

    @Test
    void failsClosedWhenEvidenceIsUnavailableByDefault() throws Exception {
        evidence.metricsFailure = new IllegalStateException("metric store unreachable");
        GateDecision d = evaluator.evaluate(request(null), policy("", SLO_RELATIVE), NOW);
        assertEquals(Verdict.FAIL, d.verdict());
        assertEquals(CheckStatus.ERROR, d.checks().get(0).status());
        assertEquals("Vigil could not evaluate this check: metric store unreachable", d.checks().get(0).explanation());
        assertEquals("Vigil could not evaluate latency-vs-previous and the policy fails closed", d.reason());
    }

    @Test
    void failOpenLeavesTheBrokenCheckOutAndSaysSo() throws Exception {
        evidence.metricsFailure = new IllegalStateException("metric store unreachable");
        GateDecision d = evaluator.evaluate(request(null), policy("onError: fail-open\n", ANOMALIES + SLO_RELATIVE), NOW);
        assertEquals(Verdict.PASS, d.verdict());
        assertEquals("score 100.0 meets the pass limit 100; left out, the policy fails open: latency-vs-previous", d.reason());
    }

    @Test
    void failsWhenTheCanaryIsSlowerThanItsBaseline() throws Exception {
        canarySeries(150);
        GateDecision d = evaluator.evaluate(request(canaryBlock()), policy("", CANARY), NOW);
        assertEquals(Verdict.FAIL, d.verdict());
        CheckResult c = d.checks().get(0);
        assertEquals(CheckStatus.FAIL, c.status());
        assertEquals(50.0, c.observed(), "latency high, throughput passes, equal weights");
        assertTrue(c.explanation().contains("failing metrics: latency"), c.explanation());
        assertTrue(c.details().get(0).startsWith("latency: high - canary is significantly higher"), c.details().get(0));
    }

    @Test
    void passesAHealthyCanary() throws Exception {
        canarySeries(100);
        GateDecision d = evaluator.evaluate(request(canaryBlock()), policy("", CANARY), NOW);
        assertEquals(Verdict.PASS, d.verdict(), d.reason());
        assertEquals(100.0, d.checks().get(0).observed());
    }

    @Test
    void aCanaryShortOfDataIsInconclusiveAndRetryable() throws Exception {
        evidence.put("latency", Map.of("version", "1.5.0"), 100, 101, 99);
        evidence.put("latency", Map.of("version", "1.4.2"), 100, 101, 99);
        GateDecision d = evaluator.evaluate(request(canaryBlock()), policy("", CANARY), NOW);
        assertEquals(Verdict.INCONCLUSIVE, d.verdict());
        assertTrue(d.retryable());
    }

    @Test
    void aRequestWithoutCanaryBlockCannotPassACanaryCheck() throws Exception {
        GateDecision d = evaluator.evaluate(request(null), policy("", CANARY), NOW);
        assertEquals(Verdict.INCONCLUSIVE, d.verdict());
        assertFalse(d.retryable());
    }

    @Test
    void rejectsAFailureProbabilityCheckUntilPredictionExists() throws Exception {
        GatePolicy p = policy("", "  - name: risk\n    kind: failure-probability\n    pass: 0.2\n    warn: 0.5\n");
        GateRejectedException e = assertThrows(GateRejectedException.class,
                () -> evaluator.evaluate(request(null), p, NOW));
        assertTrue(e.getMessage().startsWith("policy 'p' uses check 'risk' of kind failure-probability, but this "
                + "Vigil has no failure prediction yet"), e.getMessage());
        GateEvaluator withPrediction = new GateEvaluator(evidence, evidence, evidence, Optional.of(r -> 0.3));
        GateDecision d = withPrediction.evaluate(request(null), p, NOW);
        assertEquals(CheckStatus.WARN, d.checks().get(0).status());
        assertEquals(0.3, d.checks().get(0).observed());
    }

    @Test
    void rejectsACanaryMetricThePolicyDoesNotDefine() throws Exception {
        CanaryRequest block = new CanaryRequest("version", "1.4.2", "1.5.0", List.of("latncy"), null, null);
        GateRejectedException e = assertThrows(GateRejectedException.class,
                () -> evaluator.evaluate(request(block), policy("", CANARY), NOW));
        assertEquals("canary.metrics names 'latncy', which check 'canary' does not define; defined: latency, throughput",
                e.getMessage());
    }

    @Test
    void waitsForAnAnomalyWindowThatIsNotOverYet() throws Exception {
        String after = ANOMALIES.replace("minSeverity: warning", "minSeverity: warning\n    after: PT15M");
        GateRequest deployedNow = new GateRequest(null, "checkout", "prod", "1.5.0", "abc1234", null, null, null,
                null, NOW);
        GateDecision d = evaluator.evaluate(deployedNow, policy("", after), NOW);
        assertEquals(Verdict.INCONCLUSIVE, d.verdict());
        assertTrue(d.retryable());
        assertTrue(d.checks().get(1).explanation().startsWith("the anomaly window runs until 2026-11-25T10:15:00Z"));
        GateDecision later = evaluator.evaluate(deployedNow, policy("", after), NOW.plusSeconds(900));
        assertEquals(Verdict.PASS, later.verdict(), later.reason());
    }
}
