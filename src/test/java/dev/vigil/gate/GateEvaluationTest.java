package dev.vigil.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateEvaluationTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static GateRequest request(Duration waitFor) {
        return new GateRequest("r", "checkout", "prod", "1.5.0", "abc", null, null, null,
                new CanaryRequest("version", "1.4.2", "1.5.0", List.of(), null, waitFor), null);
    }

    private static GateDecision decision(GateRequest r, Verdict v, boolean retryable) {
        CheckResult c = new CheckResult("canary", "canary", v == Verdict.INCONCLUSIVE ? CheckStatus.INCONCLUSIVE
                : CheckStatus.PASS, null, "pass >= 95, warn >= 75", "x", 1, false, List.of(), retryable, false);
        return new GateDecision(v, null, "x", List.of(c), new GateDecision.PolicyRef("p", "sha256:0"), r, T0, null);
    }

    @Test
    void staysPendingWhileShortOfDataWithinTheWait() {
        GateRequest r = request(Duration.ofMinutes(5));
        GateEvaluation e = GateEvaluation.start("e1", r, T0, "http://vigil/e1");
        GateEvaluation next = e.advance(decision(r, Verdict.INCONCLUSIVE, true), T0.plusSeconds(60));
        assertEquals(GateEvaluation.Status.PENDING, next.status());
        assertEquals("PENDING", next.verdictWord());
    }

    @Test
    void endsInconclusiveWhenTheWaitRunsOut() {
        GateRequest r = request(Duration.ofMinutes(5));
        GateEvaluation done = GateEvaluation.start("e1", r, T0, "u")
                .advance(decision(r, Verdict.INCONCLUSIVE, true), T0.plusSeconds(300));
        assertEquals(GateEvaluation.Status.DONE, done.status());
        assertEquals("INCONCLUSIVE", done.verdictWord());
    }

    @Test
    void decidesAtOnceWithoutWaitOrWhenNothingIsMissing() {
        GateRequest noWait = request(null);
        assertEquals(GateEvaluation.Status.DONE, GateEvaluation.start("e", noWait, T0, "u")
                .advance(decision(noWait, Verdict.INCONCLUSIVE, true), T0).status());
        GateRequest r = request(Duration.ofMinutes(5));
        GateEvaluation done = GateEvaluation.start("e", r, T0, "u").advance(decision(r, Verdict.PASS, false), T0);
        assertEquals("PASS", done.verdictWord());
        assertSame(done, done.advance(decision(r, Verdict.INCONCLUSIVE, true), T0.plusSeconds(1)));
    }

    @Test
    void aDoneEvaluationNeedsADecision() {
        assertThrows(IllegalArgumentException.class,
                () -> new GateEvaluation("e", GateEvaluation.Status.DONE, request(null), T0, null, "u"));
    }
}
