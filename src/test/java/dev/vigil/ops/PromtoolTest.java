package dev.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Vigil's Prometheus rule files pass {@code promtool check rules} and fire as expected in
 * src/test/resources/ops/prometheus/vigil-rules.test.yaml ({@code promtool test rules}). promtool comes with
 * Debian's {@code prometheus} package.
 */
class PromtoolTest {

    static final String HINT = "promtool is needed for the rule checks: run the suite with bin/verify (installs it as root), or apt-get install -y prometheus";

    @Test
    void ruleFilesAreValid() {
        ExternalTool.Result result = ExternalTool.run(OpsFiles.ROOT, 120, HINT, "promtool", "check", "rules",
                OpsFiles.RULES.toString(), OpsFiles.PENDING_RULES.toString());
        assertEquals(0, result.exitCode(), () -> "promtool check rules failed:\n" + result.output());
    }

    @Test
    void rulesFireInTheirUnitTests() {
        ExternalTool.Result result = ExternalTool.run(OpsFiles.ROOT, 300, HINT, "promtool", "test", "rules",
                OpsFiles.TEST_RESOURCES.resolve("prometheus/vigil-rules.test.yaml").toString());
        assertEquals(0, result.exitCode(), () -> "promtool test rules failed:\n" + result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }
}
