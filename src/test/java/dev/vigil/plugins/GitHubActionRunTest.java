package dev.vigil.plugins;

import static dev.vigil.plugins.GateScenarios.ENVIRONMENT;
import static dev.vigil.plugins.GateScenarios.vigilUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.plugins.CompositeActionRunner.Result;
import dev.vigil.plugins.GateScenarios.Scenarios;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Action (pipeline-plugins/github-action/action.yml) run step by step with bash against the running
 * Vigil, by {@link CompositeActionRunner}: exit code, outputs, job summary per verdict.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class GitHubActionRunTest {

    private static final CompositeActionRunner ACTION =
            new CompositeActionRunner(Path.of("pipeline-plugins/github-action/action.yml"));

    Scenarios gate;
    Map<String, String> github;

    @TempDir
    Path temp;

    @BeforeEach
    void setUp() {
        gate = GateScenarios.get();
        github = new HashMap<>(Map.of("sha", "9f1c2ab4e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5", "server_url", "https://github.com",
                "repository", "acme/checkout", "run_id", Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)),
                "run_attempt", "1"));
    }

    private Result run(String service, As role, Map<String, String> more) {
        Map<String, String> with = new HashMap<>(Map.of("vigil-url", vigilUrl(), "vigil-token", gate.token(role),
                "service", service, "environment", ENVIRONMENT, "version", "1.5.0"));
        with.putAll(more);
        return ACTION.run(with, github, Map.of(), temp);
    }

    @Test
    void passSucceedsWithTheVerdictAndTheDecisionUrlAsOutputs() {
        Result r = run(gate.pass(), As.GATE, Map.of());
        assertEquals(0, r.exit(), r.log());
        assertEquals("PASS", r.outputs().get("verdict"));
        assertEquals("0", r.outputs().get("exit-code"));
        assertEquals("PASS", GateScenarios.verdictAt(r.outputs().get("evaluation-url")), "the URL holds the decision");
        assertTrue(r.log().startsWith("verdict: PASS\n"), r.log());
        assertTrue(r.summary().startsWith("### Vigil gate: PASS\n```text\nverdict: PASS\n"), r.summary());
    }

    @Test
    void warnFailsTheStepWithThreeUnlessWarnExitCodeIsZero() {
        Result strict = run(gate.warn(), As.GATE, Map.of());
        assertEquals(3, strict.exit(), strict.log());
        assertEquals("WARN", strict.outputs().get("verdict"));
        assertEquals("3", strict.outputs().get("exit-code"));
        github.put("run_attempt", "2");
        Result lenient = run(gate.warn(), As.GATE, Map.of("warn-exit-code", "0"));
        assertEquals(0, lenient.exit(), lenient.log());
        assertEquals("WARN", lenient.outputs().get("verdict"));
        assertEquals("WARN", GateScenarios.verdictAt(lenient.outputs().get("evaluation-url")));
    }

    @Test
    void failFailsTheStepWithTwoAndTheFailingCheckInTheLog() {
        Result r = run(gate.fail(), As.GATE, Map.of());
        assertEquals(2, r.exit(), r.log());
        assertEquals("FAIL", r.outputs().get("verdict"));
        assertEquals("2", r.outputs().get("exit-code"));
        assertTrue(r.log().contains("check: error-ratio FAIL (slo)"), r.log());
        assertEquals("FAIL", GateScenarios.verdictAt(r.outputs().get("evaluation-url")));
    }

    @Test
    void inconclusiveFailsTheStepWithFour() {
        Result r = run(gate.inconclusive(), As.GATE, Map.of());
        assertEquals(4, r.exit(), r.log());
        assertEquals("INCONCLUSIVE", r.outputs().get("verdict"));
    }

    @Test
    void aTokenWithoutTheGateRoleFailsTheStepWithOneAndNoVerdict() {
        Result r = run(gate.pass(), As.VIEWER, Map.of());
        assertEquals(1, r.exit(), r.log());
        assertEquals("", r.outputs().get("verdict"));
        assertEquals("1", r.outputs().get("exit-code"));
        assertTrue(r.log().contains("HTTP 403"), r.log());
    }

    @Test
    void aRerunOfTheSameAttemptGetsTheSameEvaluationAndANewAttemptAFreshOne() {
        String first = run(gate.pass(), As.GATE, Map.of()).outputs().get("evaluation-url");
        assertEquals(first, run(gate.pass(), As.GATE, Map.of()).outputs().get("evaluation-url"));
        github.put("run_attempt", "2");
        assertNotEquals(first, run(gate.pass(), As.GATE, Map.of()).outputs().get("evaluation-url"));
    }
}
