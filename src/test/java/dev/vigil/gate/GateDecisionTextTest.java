package dev.vigil.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.ChangeSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateDecisionTextTest {

    private static final Instant CREATED = Instant.parse("2026-11-25T09:59:58Z");
    private static final GateRequest REQUEST = new GateRequest("ci-42", "checkout", "prod", "1.5.0", "abc1234", null,
            null, null, null, null);

    @Test
    void printsTheVerdictFirstAndEveryCheckWithItsReason() {
        CheckResult canary = new CheckResult("canary", "canary", CheckStatus.FAIL, 50.0, "pass >= 95, warn >= 75",
                "canary version=1.5.0 vs baseline version=1.4.2 over PT10M: score 50.0 is below marginal limit 75.0",
                3, true, List.of("latency: high - canary is\nsignificantly higher"), false, false);
        CheckResult anomalies = new CheckResult("open-anomalies", "anomalies", CheckStatus.PASS, 0.0, "pass <= 0, warn <= 2",
                "0 incidents of severity warning or worse", 1, false, List.of(), false, false);
        GateDecision d = new GateDecision(Verdict.FAIL, 25.0, "critical check failed: canary", List.of(canary, anomalies),
                new GateDecision.PolicyRef("production", "sha256:0123456789abcdef"), REQUEST,
                Instant.parse("2026-11-25T10:00:00Z"), null);
        String text = GateDecisionText.format(new GateEvaluation("ev-1", GateEvaluation.Status.DONE, REQUEST, CREATED, d,
                "http://vigil:8080/api/v1/gates/evaluations/ev-1"));
        assertEquals("""
                verdict: FAIL
                id: ev-1
                status: DONE
                score: 25.0
                policy: production sha256:0123456789abcdef
                service: checkout
                environment: prod
                version: 1.5.0
                commit: abc1234
                created-at: 2026-11-25T09:59:58Z
                decided-at: 2026-11-25T10:00:00Z
                url: http://vigil:8080/api/v1/gates/evaluations/ev-1
                page: -
                reason: critical check failed: canary
                dry-run: -
                risk: -
                requested-by: -
                override: -

                check: canary FAIL (canary, critical)
                  observed: 50; pass >= 95, warn >= 75
                  canary version=1.5.0 vs baseline version=1.4.2 over PT10M: score 50.0 is below marginal limit 75.0
                  - latency: high - canary is significantly higher

                check: open-anomalies PASS (anomalies)
                  observed: 0; pass <= 0, warn <= 2
                  0 incidents of severity warning or worse
                """, text);
    }

    @Test
    void aPendingEvaluationSaysPendingAndHasNoChecks() {
        String text = GateDecisionText.format(new GateEvaluation("ev-2", GateEvaluation.Status.PENDING, REQUEST, CREATED,
                null, "http://vigil/x"));
        assertTrue(text.startsWith("verdict: PENDING\nid: ev-2\nstatus: PENDING\nscore: -\n"), text);
        assertTrue(text.endsWith("reason: waiting for evidence\ndry-run: -\nrisk: -\nrequested-by: -\noverride: -\n"), text);
    }

    @Test
    void aDryRunVerdictIsShownBesideTheEnforcedOneAndItsChecksAreMarked() {
        CheckResult canary = new CheckResult("canary", "canary", CheckStatus.FAIL, 50.0, "pass >= 95, warn >= 75",
                "canary worse", 3, true, List.of(), false, true);
        GateDecision d = new GateDecision(Verdict.PASS, null, "every check is in dry run, so nothing is enforced",
                List.of(canary), new GateDecision.PolicyRef("production", "sha256:0"), REQUEST,
                Instant.parse("2026-11-25T10:00:00Z"), new GateDecision.DryRun(Verdict.FAIL, 0.0,
                "critical check failed: canary"));
        String text = GateDecisionText.format(new GateEvaluation("ev-3", GateEvaluation.Status.DONE, REQUEST, CREATED, d,
                "http://vigil/x"));
        assertTrue(text.startsWith("verdict: PASS\n"), text);
        assertTrue(text.contains("\ndry-run: FAIL (not enforced): critical check failed: canary\n"), text);
        assertTrue(text.contains("\ncheck: canary FAIL (canary, critical, dry run)\n"), text);
    }

    @Test
    void thePageLinkFollowsTheApiUrlOnALineOfItsOwn() {
        String text = GateDecisionText.format(new GateEvaluation("ev-4", GateEvaluation.Status.PENDING, REQUEST, CREATED,
                null, "http://vigil/api/v1/gates/evaluations/ev-4"), "http://vigil/decisions/ev-4?expires=1&signature=s", null);
        assertTrue(text.contains("\nurl: http://vigil/api/v1/gates/evaluations/ev-4\n"
                + "page: http://vigil/decisions/ev-4?expires=1&signature=s\nreason: "), text);
    }

    @Test
    void theReleasesChangeInPlainWordsComesLastWithItsTopReasons() {
        CheckResult slo = new CheckResult("error-ratio", "slo", CheckStatus.PASS, 0.001, "pass <= 0.01, warn <= 0.02",
                "max of http_server_error_ratio over PT1H is 0.001", 1, false, List.of(), false, false);
        GateDecision d = new GateDecision(Verdict.PASS, 100.0, "every check passed", List.of(slo),
                new GateDecision.PolicyRef("ci", "sha256:1"), REQUEST, Instant.parse("2026-11-25T10:00:00Z"), null);
        GateEvaluation e = new GateEvaluation("ev-5", GateEvaluation.Status.DONE, REQUEST, CREATED, d, "http://vigil/x");
        ChangeSummary change = new ChangeSummary("p-1", 0.4213, "HIGH",
                "touches 14 files in 5 directories (src/net, src/io, docs, ...) that 1 developer has worked on",
                List.of("adds 1,200 lines and deletes 30 (raises the risk)", "is a bug\nfix (lowers the risk)"));

        String text = GateDecisionText.format(e, null, change);

        assertTrue(text.startsWith(GateDecisionText.format(e)), "the answer without a change is unchanged: " + text);
        assertTrue(text.endsWith("""
                  max of http_server_error_ratio over PT1H is 0.001

                change: HIGH 0.4213 (prediction p-1)
                  touches 14 files in 5 directories (src/net, src/io, docs, ...) that 1 developer has worked on
                  - adds 1,200 lines and deletes 30 (raises the risk)
                  - is a bug fix (lowers the risk)
                """), text);
        assertEquals(GateDecisionText.format(e), GateDecisionText.format(e, null, null));
    }
}
