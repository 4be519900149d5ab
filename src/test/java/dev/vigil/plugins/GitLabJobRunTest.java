package dev.vigil.plugins;

import static dev.vigil.plugins.GateScenarios.ENVIRONMENT;
import static dev.vigil.plugins.GateScenarios.vigilUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.plugins.GateScenarios.Scenarios;
import dev.vigil.plugins.GitLabJobRunner.Result;
import dev.vigil.plugins.GitLabJobRunner.Status;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitLab job template (pipeline-plugins/gitlab/vigil-gate.gitlab-ci.yml) extended by a job and its script run
 * with sh against the running Vigil, by {@link GitLabJobRunner}: exit code and job status per verdict.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class GitLabJobRunTest {

    private static final GitLabJobRunner GITLAB = new GitLabJobRunner(Path.of("pipeline-plugins/gitlab/vigil-gate.gitlab-ci.yml"));
    private static final Pattern URL = Pattern.compile("(?m)^url: (\\S+)$");

    Scenarios gate;
    Map<String, String> predefined;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        gate = GateScenarios.get();
        predefined = new HashMap<>(Map.of("CI", "true", "GITLAB_CI", "true", "CI_PROJECT_NAME", "checkout",
                "CI_ENVIRONMENT_NAME", ENVIRONMENT, "CI_COMMIT_SHA", "9f1c2ab4e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5",
                "CI_COMMIT_SHORT_SHA", "9f1c2ab4", "CI_PROJECT_URL", "https://gitlab.example.com/acme/checkout",
                "CI_PIPELINE_ID", Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)),
                "CI_JOB_NAME_SLUG", "gate"));
    }

    private Result run(String jobYaml, As role) {
        return GITLAB.run(jobYaml, predefined, Map.of("VIGIL_URL", vigilUrl(), "VIGIL_TOKEN", gate.token(role)),
                aud -> { throw new AssertionError("no id_tokens in this job"); }, dir);
    }

    private static String job(String service, String more) {
        return "extends: .vigil-gate\nstage: verify\nenvironment: plugins\nvariables:\n  VIGIL_GATE_SERVICE: " + service
                + "\n  VIGIL_GATE_VERSION: \"1.5.0\"\n" + more;
    }

    private static String url(Result r) {
        Matcher m = URL.matcher(r.log());
        assertTrue(m.find(), r.log());
        return m.group(1);
    }

    @Test
    void passSucceedsAndTheDefaultsComeFromGitLabsVariables() {
        predefined.put("CI_PROJECT_NAME", gate.pass());
        Result r = run("extends: .vigil-gate\nstage: verify\nenvironment: plugins\n", As.GATE);
        assertEquals(0, r.exit(), r.log());
        assertEquals(Status.SUCCESS, r.status());
        assertTrue(r.log().contains("verdict: PASS\n") && r.log().contains("service: " + gate.pass()), r.log());
        assertTrue(r.log().contains("version: 9f1c2ab4\n"), "the short SHA is the default version: " + r.log());
        assertEquals("PASS", GateScenarios.verdictAt(url(r)));
    }

    @Test
    void warnPassesWithWarningsUnlessAllowFailureIsOverridden() {
        Result r = run(job(gate.warn(), ""), As.GATE);
        assertEquals(3, r.exit(), r.log());
        assertEquals(Status.WARNING, r.status());
        assertEquals("WARN", GateScenarios.verdictAt(url(r)));
        Result strict = run(job(gate.warn(), "allow_failure: false\n"), As.GATE);
        assertEquals(3, strict.exit(), strict.log());
        assertEquals(Status.FAILED, strict.status());
    }

    @Test
    void failFailsTheJobWithTwo() {
        Result r = run(job(gate.fail(), ""), As.GATE);
        assertEquals(2, r.exit(), r.log());
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.log().contains("check: error-ratio FAIL (slo)"), r.log());
        assertEquals("FAIL", GateScenarios.verdictAt(url(r)));
    }

    @Test
    void inconclusiveFailsTheJobWithFour() {
        Result r = run(job(gate.inconclusive(), ""), As.GATE);
        assertEquals(4, r.exit(), r.log());
        assertEquals(Status.FAILED, r.status());
    }

    @Test
    void aTokenWithoutTheGateRoleFailsTheJobWithOne() {
        Result r = run(job(gate.pass(), ""), As.VIEWER);
        assertEquals(1, r.exit(), r.log());
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.log().contains("HTTP 403"), r.log());
    }

    @Test
    void aRetriedJobReusesItsEvaluation() {
        String first = url(run(job(gate.pass(), ""), As.GATE));
        assertEquals(first, url(run(job(gate.pass(), ""), As.GATE)));
    }
}
