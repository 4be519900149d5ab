package dev.vigil.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, strict stand-in for the GitHub Actions runner, enough to run our composite action for real: it reads
 * action.yml, resolves {@code inputs} (with their defaults), substitutes the {@code ${{ }}} expressions the action
 * uses ({@code inputs.*}, {@code github.*}, {@code steps.<id>.outputs.*}), runs each {@code run:} step the way
 * GitHub runs {@code shell: bash} ({@code bash --noprofile --norc -eo pipefail <file>}) with GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH and RUNNER_TEMP, reads each step's outputs, honours {@code ::add-mask::}
 * and maps the action's outputs. Any expression, step key or input it does not know fails the test rather than
 * being guessed at: the runner itself is outside our control, so this is the part that is emulated.
 */
final class CompositeActionRunner {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");
    private static final Pattern STEP_OUTPUT = Pattern.compile("steps\\.([A-Za-z0-9_-]+)\\.outputs\\.([A-Za-z0-9_-]+)");
    private static final Set<String> STEP_KEYS = Set.of("id", "name", "shell", "env", "run");

    /** What a workflow sees after the action ran: did it succeed, its outputs, the (masked) log and job summary. */
    record Result(int exit, Map<String, String> outputs, String log, String summary) {
    }

    private final Path actionDir;
    private final JsonNode action;

    CompositeActionRunner(Path actionYml) {
        try {
            this.actionDir = actionYml.toAbsolutePath().getParent();
            this.action = YAML.readTree(actionYml.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals("composite", action.at("/runs/using").asText(), "a composite action");
    }

    /**
     * Runs the action as {@code uses:} with {@code with}, in a job whose {@code github} context is {@code github}
     * and whose runner environment adds {@code runnerEnv} (e.g. ACTIONS_ID_TOKEN_REQUEST_URL); {@code temp} is
     * RUNNER_TEMP.
     */
    Result run(Map<String, String> with, Map<String, String> github, Map<String, String> runnerEnv, Path temp) {
        Map<String, String> inputs = inputs(with, github);
        Map<String, Map<String, String>> stepOutputs = new HashMap<>();
        List<String> masks = new ArrayList<>();
        StringBuilder log = new StringBuilder();
        Path summary = file(temp, "step-summary");
        int exit = 0;
        int index = 0;
        for (JsonNode step : action.at("/runs/steps")) {
            step.fieldNames().forEachRemaining(k -> assertTrue(STEP_KEYS.contains(k), "step key the runner does not know: " + k));
            assertEquals("bash", step.path("shell").asText(), "only shell: bash is emulated");
            String id = step.has("id") ? step.get("id").asText() : "__" + index;
            index++;
            Map<String, String> env = new LinkedHashMap<>(runnerEnv);
            Path output = file(temp, "github-output-" + id);
            env.put("GITHUB_ACTIONS", "true");
            env.put("CI", "true");
            env.put("GITHUB_ACTION_PATH", actionDir.toString());
            env.put("RUNNER_TEMP", temp.toString());
            env.put("GITHUB_OUTPUT", output.toString());
            env.put("GITHUB_STEP_SUMMARY", summary.toString());
            step.path("env").fields().forEachRemaining(e ->
                    env.put(e.getKey(), evaluate(e.getValue().asText(), inputs, github, stepOutputs)));
            String script = evaluate(step.get("run").asText(), inputs, github, stepOutputs);
            Path file = Shell.scriptFile(temp, script);
            Shell.Run run = Shell.run(List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", file.toString()), temp, env);
            log.append(workflowCommands(run.log(), masks));
            stepOutputs.put(id, readOutputs(output));
            if (run.exit() != 0) {
                exit = run.exit();
                break; // later steps have the default if: success()
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        action.path("outputs").fields().forEachRemaining(o ->
                outputs.put(o.getKey(), evaluate(o.getValue().path("value").asText(), inputs, github, stepOutputs)));
        return new Result(exit, outputs, mask(log.toString(), masks), mask(read(summary), masks));
    }

    private Map<String, String> inputs(Map<String, String> with, Map<String, String> github) {
        JsonNode declared = action.path("inputs");
        with.keySet().forEach(k -> assertTrue(declared.has(k), "input the action does not declare: " + k));
        Map<String, String> inputs = new HashMap<>();
        declared.fields().forEachRemaining(d -> inputs.put(d.getKey(), with.containsKey(d.getKey())
                ? with.get(d.getKey())
                : evaluate(d.getValue().path("default").asText(""), Map.of(), github, Map.of())));
        return inputs;
    }

    /** Substitutes every {@code ${{ expr }}}; an expression this runner does not know fails the test. */
    private static String evaluate(String text, Map<String, String> inputs, Map<String, String> github,
                                   Map<String, Map<String, String>> steps) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), inputs, github, steps)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String expr, Map<String, String> inputs, Map<String, String> github,
                                Map<String, Map<String, String>> steps) {
        if (expr.startsWith("inputs.") && inputs.containsKey(expr.substring(7))) {
            return inputs.get(expr.substring(7));
        }
        if (expr.startsWith("github.") && github.containsKey(expr.substring(7))) {
            return github.get(expr.substring(7));
        }
        Matcher step = STEP_OUTPUT.matcher(expr);
        if (step.matches()) {
            return steps.getOrDefault(step.group(1), Map.of()).getOrDefault(step.group(2), "");
        }
        return fail("expression the test runner does not know: ${{ " + expr + " }}");
    }

    /** GITHUB_OUTPUT: {@code name=value} lines and {@code name<<DELIMITER} blocks. */
    private static Map<String, String> readOutputs(Path file) {
        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> lines = read(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int heredoc = line.indexOf("<<");
            int eq = line.indexOf('=');
            if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
                String delimiter = line.substring(heredoc + 2);
                StringBuilder value = new StringBuilder();
                for (i++; !lines.get(i).equals(delimiter); i++) {
                    value.append(value.isEmpty() ? "" : "\n").append(lines.get(i));
                }
                outputs.put(line.substring(0, heredoc), value.toString());
            } else if (eq > 0) {
                outputs.put(line.substring(0, eq), line.substring(eq + 1));
            } else if (!line.isBlank()) {
                fail("GITHUB_OUTPUT line GitHub would refuse: " + line);
            }
        }
        return outputs;
    }

    /** Takes {@code ::add-mask::} commands out of the log (GitHub does not show them) and remembers the values. */
    private static String workflowCommands(String log, List<String> masks) {
        StringBuilder kept = new StringBuilder();
        for (String line : log.split("\n", -1)) {
            if (line.startsWith("::add-mask::")) {
                masks.add(line.substring("::add-mask::".length()));
            } else {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    private static String mask(String text, List<String> masks) {
        String out = text;
        for (String m : masks) {
            if (!m.isEmpty()) {
                out = out.replace(m, "***");
            }
        }
        return out;
    }

    private static Path file(Path dir, String name) {
        try {
            return Files.createTempFile(dir, name, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
