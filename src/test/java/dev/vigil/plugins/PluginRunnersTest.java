package dev.vigil.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The CI stand-ins that run the plug-ins refuse what they do not emulate instead of guessing: a plug-in that
 * starts using an expression, a variable or a key they do not know fails its test until the runner learns it.
 */
class PluginRunnersTest {

    @TempDir
    Path dir;

    @Test
    void theActionRunnerRefusesAnExpressionItDoesNotKnow() throws Exception {
        Path action = Files.writeString(dir.resolve("action.yml"), """
                inputs: {name: {default: ""}}
                runs:
                  using: composite
                  steps:
                    - {shell: bash, env: {T: "${{ secrets.TOKEN }}"}, run: "echo $T"}
                """);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () ->
                new CompositeActionRunner(action).run(Map.of(), Map.of(), Map.of(), dir));
        assertTrue(e.getMessage().contains("${{ secrets.TOKEN }}"), e.getMessage());
    }

    @Test
    void theActionRunnerRunsBashWithErrexitAndReadsOutputs() throws Exception {
        Path action = Files.writeString(dir.resolve("action.yml"), """
                inputs: {who: {default: "${{ github.repository }}"}}
                outputs: {said: {value: "${{ steps.s.outputs.said }}"}}
                runs:
                  using: composite
                  steps:
                    - {id: s, shell: bash, env: {WHO: "${{ inputs.who }}"}, run: "echo \\"said=hi $WHO\\" >> $GITHUB_OUTPUT; false; echo never"}
                """);
        CompositeActionRunner.Result r = new CompositeActionRunner(action).run(Map.of(), Map.of("repository", "acme/x"),
                Map.of(), dir);
        assertEquals(1, r.exit(), "bash -e stops at false");
        assertEquals("hi acme/x", r.outputs().get("said"));
        assertTrue(!r.log().contains("never"), r.log());
    }

    @Test
    void theGitLabRunnerRefusesAVariableGitLabWouldNotDefine() throws Exception {
        Path template = Files.writeString(dir.resolve("t.yml"), """
                .t:
                  variables: {A: $CI_UNKNOWN_THING}
                  script: [echo $A]
                """);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> new GitLabJobRunner(template)
                .run("extends: .t\n", Map.of(), Map.of(), aud -> "", dir));
        assertTrue(e.getMessage().contains("$CI_UNKNOWN_THING"), e.getMessage());
    }

    @Test
    void theTektonRunnerRefusesAVariableItDoesNotKnowButLeavesShellSubstitutionsAlone() throws Exception {
        Path task = Files.writeString(dir.resolve("task.yaml"), """
                kind: Task
                spec:
                  steps:
                    - script: |
                        #!/bin/sh
                        echo "$(date +%Y) $(workspaces.source.path)"
                """);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () ->
                new TektonTaskRunner(task).run("tr", Map.of(), Map.of(), dir));
        assertTrue(e.getMessage().contains("$(workspaces.source.path)"), e.getMessage());
    }
}
