package dev.vigil.gate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.gate.CanaryRequest;
import dev.vigil.gate.CheckResult;
import dev.vigil.gate.CheckStatus;
import dev.vigil.gate.GateDecision;
import dev.vigil.gate.GateEvaluation;
import dev.vigil.gate.GateRequest;
import dev.vigil.gate.RiskAdaptive;
import dev.vigil.gate.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An evaluation survives the trip through its stored row unchanged: idempotency compares requests as values. */
class GateJsonTest {

    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    static GateRequest request() {
        return new GateRequest("ci-1", "checkout", "prod", "1.5.0", "9f1c2ab", null, "https://example.com/r", null,
                new CanaryRequest("version", "1.4.2", "1.5.0", List.of(), Duration.ofMinutes(10), Duration.ofMinutes(5)),
                T0.minusSeconds(30));
    }

    @Test
    void doneEvaluationRoundTrips() {
        CheckResult check = new CheckResult("canary", "canary", CheckStatus.FAIL, 50.0, "pass >= 95, warn >= 75",
                "canary worse", 3.0, true, List.of("latency: high"), false, true);
        GateDecision d = new GateDecision(Verdict.FAIL, 25.0, "critical check failed: canary", List.of(check),
                new GateDecision.PolicyRef("production", "sha256:0123456789abcdef"), request(), T0.plusSeconds(2),
                new GateDecision.DryRun(Verdict.FAIL, 0.0, "critical check failed: canary"));
        GateEvaluation e = new GateEvaluation("id-1", GateEvaluation.Status.DONE, request(), T0, d, "http://x/e/id-1");
        DecisionRecord row = GateJson.toRecord(e, "production");
        assertEquals("FAIL", row.verdict());
        assertEquals("FAIL", row.dryRunVerdict());
        assertEquals(e, GateJson.toEvaluation(row));
    }

    @Test
    void whoAskedTheRiskStageAndAnOverrideRoundTrip() {
        GateDecision d = new GateDecision(Verdict.FAIL, 0.0, "risk 0.72 >= 0.60: high-risk limits; score 0.0", List.of(),
                new GateDecision.PolicyRef("default", "sha256:0123456789abcdef"), request(), T0.plusSeconds(2), null,
                new RiskAdaptive.Stage(0.72, 0.6, "high-risk", false, "risk 0.72 >= 0.60: high-risk limits"));
        GateEvaluation e = new GateEvaluation("id-3", GateEvaluation.Status.DONE, request(), T0, d, "http://x/e/id-3",
                "ci-checkout", null).overridden(Verdict.PASS, "known flaky check", "alice", T0.plusSeconds(60));
        DecisionRecord row = GateJson.toRecord(e, "default");
        assertEquals("ci-checkout", row.requestedBy());
        assertEquals("FAIL", row.verdict(), "the gate's own verdict is what the row keeps");
        assertEquals(e, GateJson.toEvaluation(row));
        assertEquals(Verdict.PASS, GateJson.toEvaluation(row).verdict());
    }

    @Test
    void pendingEvaluationRoundTripsWithItsPolicyName() {
        GateEvaluation e = GateEvaluation.start("id-2", request(), T0, "http://x/e/id-2");
        DecisionRecord row = GateJson.toRecord(e, "production");
        assertEquals("PENDING", row.status());
        assertEquals("production", row.policyName());
        assertEquals(e, GateJson.toEvaluation(row));
    }
}
