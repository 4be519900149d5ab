package dev.vigil.plugins;

import static dev.vigil.plugins.GateScenarios.ENVIRONMENT;
import static dev.vigil.plugins.GateScenarios.vigilUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.plugins.GateScenarios.Scenarios;
import dev.vigil.plugins.TektonTaskRunner.Result;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tekton Task (pipeline-plugins/tekton/vigil-gate-task.yaml): its step script run with sh against the running
 * Vigil, by {@link TektonTaskRunner}: exit code and the results {@code verdict} and {@code evaluation-url}.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class TektonTaskRunTest {

    private static final TektonTaskRunner TASK = new TektonTaskRunner(Path.of("pipeline-plugins/tekton/vigil-gate-task.yaml"));

    Scenarios gate;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        gate = GateScenarios.get();
    }

    private Result run(String taskRun, String service, As role, Map<String, String> more) {
        Map<String, String> params = new HashMap<>(Map.of("vigil-url", vigilUrl(), "service", service,
                "environment", ENVIRONMENT, "version", "1.5.0", "commit", "9f1c2ab4e"));
        params.putAll(more);
        return TASK.run(taskRun, params, Map.of("vigil-gate-token", Map.of("token", gate.token(role))), dir);
    }

    private Result run(String service, As role, Map<String, String> more) {
        return run("gate-run-" + UUID.randomUUID().toString().substring(0, 8), service, role, more);
    }

    @Test
    void passSucceedsWithTheVerdictAndTheDecisionUrlAsResults() {
        Result r = run(gate.pass(), As.GATE, Map.of());
        assertEquals(0, r.exit(), r.log());
        assertEquals("PASS", r.results().get("verdict"));
        assertEquals("PASS", GateScenarios.verdictAt(r.results().get("evaluation-url")));
        assertTrue(r.log().startsWith("verdict: PASS\n"), r.log());
    }

    @Test
    void warnFailsTheStepWithThreeUnlessWarnExitCodeIsZero() {
        Result strict = run(gate.warn(), As.GATE, Map.of());
        assertEquals(3, strict.exit(), strict.log());
        assertEquals("WARN", strict.results().get("verdict"));
        Result lenient = run(gate.warn(), As.GATE, Map.of("warn-exit-code", "0"));
        assertEquals(0, lenient.exit(), lenient.log());
        assertEquals("WARN", lenient.results().get("verdict"));
        assertEquals("WARN", GateScenarios.verdictAt(lenient.results().get("evaluation-url")));
    }

    @Test
    void failFailsTheStepWithTwo() {
        Result r = run(gate.fail(), As.GATE, Map.of());
        assertEquals(2, r.exit(), r.log());
        assertEquals("FAIL", r.results().get("verdict"));
        assertTrue(r.log().contains("check: error-ratio FAIL (slo)"), r.log());
        assertEquals("FAIL", GateScenarios.verdictAt(r.results().get("evaluation-url")));
    }

    @Test
    void inconclusiveFailsTheStepWithFour() {
        Result r = run(gate.inconclusive(), As.GATE, Map.of());
        assertEquals(4, r.exit(), r.log());
        assertEquals("INCONCLUSIVE", r.results().get("verdict"));
    }

    @Test
    void aTokenWithoutTheGateRoleFailsWithOneAndAnEmptyVerdict() {
        Result r = run(gate.pass(), As.VIEWER, Map.of());
        assertEquals(1, r.exit(), r.log());
        assertEquals("", r.results().get("verdict"));
        assertTrue(r.log().contains("HTTP 403"), r.log());
    }

    @Test
    void theSameTaskRunGetsTheSameEvaluationAndARetriedOneAFreshOne() {
        String first = run("gate-run-a-" + UUID.randomUUID(), gate.pass(), As.GATE, Map.of()).results().get("evaluation-url");
        String again = run("gate-run-b-" + UUID.randomUUID(), gate.pass(), As.GATE, Map.of()).results().get("evaluation-url");
        assertNotEquals(first, again, "a retried TaskRun has a new name, hence a new request id");
        String named = "gate-run-c-" + UUID.randomUUID();
        assertEquals(run(named, gate.pass(), As.GATE, Map.of()).results().get("evaluation-url"),
                run(named, gate.pass(), As.GATE, Map.of()).results().get("evaluation-url"));
    }
}
