package dev.vigil.plugins;

import static dev.vigil.plugins.GateScenarios.ENVIRONMENT;
import static dev.vigil.plugins.GateScenarios.vigilUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.plugins.GateScenarios.Scenarios;
import dev.vigil.plugins.JenkinsLibraryRunner.Outcome;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jenkins shared-library step {@code vigilGate} (pipeline-plugins/jenkins/vars/vigilGate.groovy) run with
 * JenkinsPipelineUnit, its {@code sh} really executed against the running Vigil ({@link JenkinsLibraryRunner}):
 * the returned verdict, the build result and the error per verdict.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class JenkinsStepRunTest {

    private static final Path VARS = Path.of("pipeline-plugins/jenkins/vars");

    Scenarios gate;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        gate = GateScenarios.get();
    }

    private Outcome run(String service, As role, Map<String, Object> more) throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        Map<String, String> env = Map.of("JOB_NAME", "checkout/main",
                "BUILD_NUMBER", Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)));
        JenkinsLibraryRunner jenkins = new JenkinsLibraryRunner(workspace, env, Map.of("vigil-gate-token", gate.token(role)));
        Map<String, Object> args = new HashMap<>(Map.of("url", vigilUrl(), "credentialsId", "vigil-gate-token",
                "service", service, "environment", ENVIRONMENT, "version", "1.5.0", "commit", "9f1c2ab4e"));
        args.putAll(more);
        return jenkins.call(VARS, "vigilGate", args);
    }

    private static String url(String error) {
        return error.substring(error.indexOf("http"));
    }

    @Test
    void passReturnsTheVerdict() throws Exception {
        Outcome o = run(gate.pass(), As.GATE, Map.of());
        assertNull(o.error(), o.log());
        assertEquals("PASS", o.returned());
        assertEquals("SUCCESS", o.buildResult());
        assertTrue(o.log().contains("verdict: PASS\n"), o.log());
    }

    @Test
    void warnMarksTheBuildUnstableOrFailsItWithFailOnWarn() throws Exception {
        Outcome o = run(gate.warn(), As.GATE, Map.of());
        assertNull(o.error(), o.log());
        assertEquals("WARN", o.returned());
        assertEquals("UNSTABLE", o.buildResult());
        Outcome strict = run(gate.warn(), As.GATE, Map.of("failOnWarn", true));
        assertEquals("FAILURE", strict.buildResult());
        assertTrue(strict.error().startsWith("Vigil gate: WARN http"), strict.error());
        assertEquals("WARN", GateScenarios.verdictAt(url(strict.error())));
    }

    @Test
    void failFailsTheBuildWithTheDecisionUrl() throws Exception {
        Outcome o = run(gate.fail(), As.GATE, Map.of());
        assertEquals("FAILURE", o.buildResult());
        assertTrue(o.error().startsWith("Vigil gate: FAIL http"), o.error());
        assertEquals("FAIL", GateScenarios.verdictAt(url(o.error())));
        assertTrue(o.log().contains("check: error-ratio FAIL (slo)"), o.log());
    }

    @Test
    void inconclusiveFailsTheBuild() throws Exception {
        Outcome o = run(gate.inconclusive(), As.GATE, Map.of());
        assertEquals("FAILURE", o.buildResult());
        assertTrue(o.error().startsWith("Vigil gate: INCONCLUSIVE"), o.error());
    }

    @Test
    void aTokenWithoutTheGateRoleFailsTheBuildAsAnError() throws Exception {
        Outcome o = run(gate.pass(), As.VIEWER, Map.of());
        assertEquals("FAILURE", o.buildResult());
        assertEquals("Vigil gate: error (exit 1), see the log above", o.error());
        assertTrue(o.log().contains("HTTP 403"), o.log());
    }

    @Test
    void anUnknownArgumentFailsTheStepNamingTheKnownOnes() throws Exception {
        Outcome o = run(gate.pass(), As.GATE, Map.of("enviroment", "prod"));
        assertEquals("FAILURE", o.buildResult());
        assertTrue(o.error().contains("unknown argument(s) [enviroment]") && o.error().contains("environment"), o.error());
    }
}
