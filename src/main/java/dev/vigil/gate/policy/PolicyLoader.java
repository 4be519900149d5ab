package dev.vigil.gate.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.vigil.core.Direction;
import dev.vigil.core.Severity;
import dev.vigil.validation.ValidationIssue.Kind;
import dev.vigil.validation.ValidationIssue;
import dev.vigil.validation.YamlFiles;
import dev.vigil.validation.YamlLimits;
import dev.vigil.validation.YamlLocations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads every {@code *.yaml} / {@code *.yml} of a policy directory, checks it strictly (unknown fields, bad values,
 * duplicate keys, unknown parents, cycles) and resolves inheritance. All problems are reported at once, each with
 * file, line and field; nothing is half-loaded.
 */
public final class PolicyLoader {

    private final ObjectMapper yaml;

    public PolicyLoader() {
        SimpleModule words = new SimpleModule()
                .addDeserializer(Duration.class, new DurationDeserializer())
                .addDeserializer(Severity.class, new WordDeserializer<>(Severity.class, Severity::fromWord))
                .addDeserializer(Direction.class, new WordDeserializer<>(Direction.class, Direction::fromWord));
        this.yaml = new ObjectMapper(YamlLimits.factory())
                .registerModule(words)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }

    /** Policies are the directory's own files: a policy's name is its file name. */
    public static final int DIRECTORY_DEPTH = 1;

    /** Every policy file of the directory (a ConfigMap mount's files once: {@link YamlFiles}). */
    public PolicySet loadDirectory(Path dir) throws IOException, PolicyLoadException {
        Map<String, String> files = new LinkedHashMap<>();
        for (Path p : YamlFiles.list(dir, DIRECTORY_DEPTH)) {
            files.put(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        }
        return load(files);
    }

    /** The name of the policy a file defines: its file name without the extension. */
    public static String policyName(String file) {
        return PolicySource.policyName(file);
    }

    /** @param files file path -> YAML text; the policy name is the file name without its extension */
    public PolicySet load(Map<String, String> files) throws PolicyLoadException {
        List<ValidationIssue> issues = new ArrayList<>();
        Map<String, PolicySource> parsed = new LinkedHashMap<>();
        files.forEach((file, text) -> parse(file, text, issues, parsed));
        List<dev.vigil.gate.GatePolicy> resolved = new PolicyResolver(parsed, issues).resolveAll();
        if (!issues.isEmpty()) {
            throw new PolicyLoadException(issues);
        }
        return new PolicySet(resolved);
    }

    private void parse(String file, String text, List<ValidationIssue> issues, Map<String, PolicySource> parsed) {
        String name = PolicySource.policyName(file);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            issues.add(new ValidationIssue(file, 0, 0, "", Kind.INVALID_VALUE, "file name must be a policy name: letters, digits, . _ -"));
            return;
        }
        if (parsed.containsKey(name)) {
            issues.add(new ValidationIssue(file, 0, 0, "", Kind.DUPLICATE_NAME,
                    "policy " + name + " is also defined in " + parsed.get(name).file()));
            return;
        }
        if (text.length() > YamlLimits.MAX_CODE_POINTS) {
            issues.add(new ValidationIssue(file, 0, 0, "", Kind.INVALID_VALUE, "file has " + text.length()
                    + " characters; a policy may have at most " + YamlLimits.MAX_CODE_POINTS));
            return;
        }
        try {
            PolicyDocument doc = yaml.readValue(text, PolicyDocument.class);
            if (doc == null) {
                issues.add(new ValidationIssue(file, 0, 0, "", Kind.MISSING_FIELD, "file is empty"));
                return;
            }
            if (doc.name() != null && !doc.name().equals(name)) {
                issues.add(YamlLocations.index(text).place(new ValidationIssue(file, 0, 0, "name", Kind.INVALID_VALUE,
                        "name '" + doc.name() + "' differs from the file name '" + name + "'; drop it or make them equal")));
                return;
            }
            parsed.put(name, new PolicySource(file, name, text, doc));
        } catch (JsonProcessingException e) {
            issues.add(YamlLocations.index(text).place(JacksonIssues.from(file, e)));
        }
    }

    /**
     * The shared vocabulary's words ({@link Severity}, {@link Direction}), aliases included, with the parser's
     * location on error; {@link JacksonIssues} names the accepted words.
     */
    private static final class WordDeserializer<T> extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<T> {
        private final transient Function<String, Optional<T>> read;

        WordDeserializer(Class<T> type, Function<String, Optional<T>> read) {
            super(type);
            this.read = read;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
                throws IOException {
            if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                return (T) ctxt.handleUnexpectedToken(handledType(), p);
            }
            Optional<T> value = read.apply(p.getText());
            if (value.isEmpty()) {
                throw ctxt.weirdStringException(p.getText(), handledType(), "not an accepted word");
            }
            return value.get();
        }
    }

    /** ISO-8601 durations, with the parser's location on error. */
    private static final class DurationDeserializer extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
                throws IOException {
            String text = p.getValueAsString();
            try {
                return Duration.parse(text == null ? p.getText() : text.trim());
            } catch (RuntimeException e) {
                throw ctxt.weirdStringException(p.getText(), Duration.class, "expected an ISO-8601 duration");
            }
        }
    }
}
