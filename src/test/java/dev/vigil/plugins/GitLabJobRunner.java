package dev.vigil.plugins;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, strict stand-in for GitLab and its runner, enough to run our job template for real: the user's job
 * {@code extends:} the template (maps merged, the job's keys win), variables are expanded as GitLab does
 * (predefined, then the job's, then the project's CI/CD variables, which win), {@code id_tokens:} become variables
 * holding a JWT for their {@code aud}, and the {@code script:} lines run in one POSIX shell session with errexit
 * (and pipefail where the shell has it), as GitLab Runner runs them. The exit code and {@code allow_failure}
 * give the job status. Keys and variable references it does not know fail the test.
 */
final class GitLabJobRunner {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Set<String> JOB_KEYS = Set.of("extends", "stage", "environment", "image", "variables",
            "id_tokens", "script", "allow_failure");

    /** GitLab's three outcomes of a job: passed, failed, or failed but allowed to ("passed with warnings"). */
    enum Status { SUCCESS, WARNING, FAILED }

    record Result(int exit, Status status, String log) {
    }

    private final JsonNode templates;

    GitLabJobRunner(Path template) {
        try {
            this.templates = YAML.readTree(template.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code jobYaml} (one job, e.g. {@code extends: .vigil-gate} with its variables) with the predefined
     * variables {@code predefined}, the project's CI/CD variables {@code project}, and {@code idTokens} issuing a
     * JWT for an audience (GitLab's issuer is outside our control).
     */
    Result run(String jobYaml, Map<String, String> predefined, Map<String, String> project,
               Function<String, String> idTokens, Path dir) {
        JsonNode job = merged(read(jobYaml));
        job.fieldNames().forEachRemaining(k -> assertTrue(JOB_KEYS.contains(k), "job key the runner does not know: " + k));
        Map<String, String> vars = new LinkedHashMap<>(predefined);
        job.path("variables").fields().forEachRemaining(v -> vars.put(v.getKey(), expand(v.getValue().asText(), vars)));
        job.path("id_tokens").fields().forEachRemaining(t ->
                vars.put(t.getKey(), idTokens.apply(t.getValue().path("aud").asText())));
        vars.putAll(project);
        StringBuilder script = new StringBuilder("if set -o | grep -q pipefail; then set -o pipefail; fi\nset -o errexit\n");
        job.path("script").forEach(line -> script.append(line.asText()).append('\n'));
        Shell.Run run = Shell.run(List.of("sh", Shell.scriptFile(dir, script.toString()).toString()), dir, vars);
        return new Result(run.exit(), status(run.exit(), job.path("allow_failure")), run.log());
    }

    private JsonNode merged(JsonNode job) {
        if (!job.has("extends")) {
            return job;
        }
        JsonNode parent = templates.get(job.get("extends").asText());
        assertTrue(parent != null, "no template " + job.get("extends"));
        ObjectNode result = parent.deepCopy();
        job.fields().forEachRemaining(e -> {
            if (e.getValue().isObject() && result.path(e.getKey()).isObject()) {
                ((ObjectNode) result.get(e.getKey())).setAll((ObjectNode) e.getValue());
            } else if (!e.getKey().equals("extends")) {
                result.set(e.getKey(), e.getValue());
            }
        });
        return result;
    }

    /** {@code $VAR} and {@code ${VAR}} from the variables so far; one GitLab does not define fails the test. */
    private static String expand(String value, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (!vars.containsKey(name)) {
                fail("variable the test's GitLab does not define: $" + name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(vars.get(name)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Status status(int exit, JsonNode allowFailure) {
        if (exit == 0) {
            return Status.SUCCESS;
        }
        Set<Integer> allowed = new HashSet<>();
        allowFailure.path("exit_codes").forEach(c -> allowed.add(c.asInt()));
        boolean all = allowFailure.isBoolean() && allowFailure.asBoolean();
        return all || allowed.contains(exit) ? Status.WARNING : Status.FAILED;
    }

    private static JsonNode read(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
