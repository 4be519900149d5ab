package dev.vigil.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gate.policy.PolicyLoader;
import dev.vigil.gate.policy.PolicySet;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The demo scenario on the shipped policies: checkout 1.5.0 raises latency and errors on its canary and is
 * stopped with reasons; a healthy 1.5.1 goes through.
 */
class ShippedPoliciesScenarioTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String LATENCY = "http_server_request_duration_seconds";
    private static final String ERRORS = "http_server_error_ratio";
    private static final String RPS = "http_server_requests_per_second";

    private final InMemoryEvidence evidence = new InMemoryEvidence();
    private final GateEvaluator evaluator = new GateEvaluator(evidence, evidence, evidence, Optional.empty());

    private static double[] series(long seed, double mean, double relSd) {
        Random r = new Random(seed);
        double[] v = new double[60]; // 10 minutes at 10 s
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, mean * (1 + relSd * r.nextGaussian()));
        }
        return v;
    }

    private void release(String canaryVersion, double latency, double errors) {
        evidence.previous = new Evidence.ReleaseWindow("1.4.2", NOW.minus(Duration.ofDays(2)), NOW.minusSeconds(900));
        evidence.putPrevious(LATENCY, Map.of("quantile", "0.99"), series(1, 0.120, 0.05));
        evidence.put(LATENCY, Map.of("quantile", "0.99"), series(2, latency, 0.05));
        evidence.put(ERRORS, Map.of(), series(3, errors, 0.1));
        evidence.put(LATENCY, Map.of("version", canaryVersion), series(4, latency, 0.05));
        evidence.put(LATENCY, Map.of("version", "1.4.2"), series(5, 0.120, 0.05));
        evidence.put(ERRORS, Map.of("version", canaryVersion), series(6, errors, 0.1));
        evidence.put(ERRORS, Map.of("version", "1.4.2"), series(7, 0.002, 0.1));
        evidence.put(RPS, Map.of("version", canaryVersion), series(8, 50, 0.05));
        evidence.put(RPS, Map.of("version", "1.4.2"), series(9, 50, 0.05));
    }

    private GateDecision gate(String version) throws Exception {
        PolicySet policies = new PolicyLoader().loadDirectory(Path.of("policies"));
        GateRequest request = new GateRequest("demo-" + version, "checkout", "prod", version, "9f1c2ab", null, null,
                null, new CanaryRequest("version", "1.4.2", version, List.of(), null, null), null);
        return evaluator.evaluate(request, policies.select("checkout", "prod", null), NOW);
    }

    @Test
    void stopsAReleaseThatRaisesLatencyAndErrorsOnTheCanary() throws Exception {
        release("1.5.0", 0.190, 0.030);
        GateDecision d = gate("1.5.0");
        assertEquals(Verdict.FAIL, d.verdict(), d.reason());
        assertEquals("production", d.policy().name());
        assertEquals("critical check failed: canary", d.reason());
        Map<String, CheckStatus> byName = new java.util.HashMap<>();
        d.checks().forEach(c -> byName.put(c.name(), c.status()));
        assertEquals(CheckStatus.FAIL, byName.get("error-ratio"));
        assertEquals(CheckStatus.FAIL, byName.get("latency-p99-vs-previous-release"));
        CheckResult canary = d.checks().get(4);
        assertTrue(canary.explanation().contains("critical metric failed: " + LATENCY), canary.explanation());
        assertTrue(canary.details().get(1).startsWith(ERRORS + ": high"), canary.details().get(1));
    }

    @Test
    void letsAHealthyReleaseThrough() throws Exception {
        release("1.5.1", 0.120, 0.002);
        GateDecision d = gate("1.5.1");
        assertEquals(Verdict.PASS, d.verdict(), d.reason() + " " + d.checks());
        assertEquals(100.0, d.score());
    }
}
