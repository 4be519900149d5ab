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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, strict stand-in for the Tekton controller and entrypoint, enough to run our Task's steps for real on
 * this machine instead of in the step image: params resolved against their declarations and defaults,
 * {@code $(params.x)}, {@code $(context.taskRun.name)} and {@code $(results.x.path)} substituted in env values and
 * scripts, {@code secretKeyRef} env read from the given secrets, each script run with its shebang's interpreter,
 * and the results read back from their files. A Tekton variable it does not know fails the test. The tools the
 * script calls (sh, curl, sed, head, tr, mktemp) are the machine's, as they would be the image's.
 */
final class TektonTaskRunner {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    // Tekton's variables, not the shell's $(command) substitutions: those start with something else.
    private static final Pattern TEKTON_VARIABLE =
            Pattern.compile("\\$\\(((?:params|results|context|workspaces|steps|step|tasks|inputs|outputs)\\.[^)]*)\\)");

    /** The TaskRun's outcome: the exit code of the first failing step (0 if none), its log and its results. */
    record Result(int exit, String log, Map<String, String> results) {
    }

    private final JsonNode task;

    TektonTaskRunner(Path taskYaml) {
        try {
            this.task = YAML.readTree(taskYaml.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals("Task", task.path("kind").asText());
    }

    Result run(String taskRunName, Map<String, String> params, Map<String, Map<String, String>> secrets, Path dir) {
        Map<String, String> values = params(params);
        Path resultsDir = dir.resolve("results");
        Map<String, String> paths = new LinkedHashMap<>();
        try {
            Files.createDirectories(resultsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        task.at("/spec/results").forEach(r -> paths.put(r.get("name").asText(), resultsDir.resolve(r.get("name").asText()).toString()));
        Map<String, String> variables = new LinkedHashMap<>();
        values.forEach((k, v) -> variables.put("params." + k, v));
        paths.forEach((k, v) -> variables.put("results." + k + ".path", v));
        variables.put("context.taskRun.name", taskRunName);
        StringBuilder log = new StringBuilder();
        int exit = 0;
        for (JsonNode step : task.at("/spec/steps")) {
            Map<String, String> env = new LinkedHashMap<>();
            for (JsonNode e : step.path("env")) {
                env.put(e.get("name").asText(), e.has("value") ? substitute(e.get("value").asText(), variables)
                        : secret(e.at("/valueFrom/secretKeyRef"), variables, secrets));
            }
            String script = substitute(step.get("script").asText(), variables);
            assertTrue(script.startsWith("#!/bin/sh\n"), "the step's script names its shell");
            Shell.Run run = Shell.run(List.of("/bin/sh", Shell.scriptFile(dir, script).toString()), dir, env);
            log.append(run.log());
            if (run.exit() != 0) {
                exit = run.exit();
                break;
            }
        }
        Map<String, String> results = new LinkedHashMap<>();
        paths.forEach((name, path) -> results.put(name, readIfThere(Path.of(path))));
        return new Result(exit, log.toString(), results);
    }

    private Map<String, String> params(Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        task.at("/spec/params").forEach(p -> {
            String name = p.get("name").asText();
            if (given.containsKey(name)) {
                values.put(name, given.get(name));
            } else if (p.has("default")) {
                values.put(name, p.get("default").asText());
            } else {
                fail("Tekton refuses a TaskRun without param " + name);
            }
        });
        given.keySet().forEach(k -> assertTrue(values.containsKey(k), "param the Task does not declare: " + k));
        return values;
    }

    private static String secret(JsonNode ref, Map<String, String> variables, Map<String, Map<String, String>> secrets) {
        String name = substitute(ref.get("name").asText(), variables);
        String value = secrets.getOrDefault(name, Map.of()).get(ref.get("key").asText());
        return value != null ? value : fail("no secret " + name + " with key " + ref.get("key").asText());
    }

    private static String substitute(String text, Map<String, String> variables) {
        Matcher m = TEKTON_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                fail("Tekton variable the test runner does not know: $(" + m.group(1) + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String readIfThere(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
