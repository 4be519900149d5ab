package dev.vigil.detect.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vigil.detect.DetectorFactory;
import dev.vigil.detect.DetectorSettings;
import dev.vigil.validation.JsonPaths;
import dev.vigil.validation.ValidationIssue.Kind;
import dev.vigil.validation.ValidationIssue;
import dev.vigil.validation.YamlFiles;
import dev.vigil.validation.YamlLocations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code detectors/*.yaml}. Strict: an unknown or misspelled field, a wrong type or an out-of-range value
 * fails the whole load with every issue named by file, line and field; nothing is silently defaulted except
 * fields that are absent. Loading again is how definitions are reloaded without a restart.
 */
public final class DefinitionLoader {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    /** Definitions may sit in subdirectories of the definitions directory. */
    public static final int DIRECTORY_DEPTH = Integer.MAX_VALUE;

    private DefinitionLoader() {
    }

    /** The built-in catch-all; {@code detectors/default.yaml} ships the same values (a test pins that). */
    public static DetectorDefinition shippedDefault() {
        return new DetectorDefinition("default", "(built-in)", SeriesSelector.ALL, DetectorFactory.SEASONAL,
                DetectorSettings.defaults(), SeverityMapping.DEFAULT, -1000);
    }

    /** Parses one document; {@code fileName} is only used in issues. Throws {@link DefinitionException}. */
    public static List<DetectorDefinition> parse(String fileName, String yaml) {
        return parseSet(fileName, yaml).definitions();
    }

    /** Parses one document, its multivariate definitions included. Throws {@link DefinitionException}. */
    public static DefinitionSet parseSet(String fileName, String yaml) {
        List<ValidationIssue> issues = new ArrayList<>();
        List<MultivariateDefinition> multivariate = new ArrayList<>();
        List<DetectorDefinition> result = parseInto(fileName, yaml, issues, multivariate);
        if (!issues.isEmpty()) {
            throw new DefinitionException(issues);
        }
        return new DefinitionSet(result, multivariate);
    }

    public static List<DetectorDefinition> loadFile(Path file) {
        return parse(file.toString(), read(file));
    }

    /** A file holding exactly one definition (what {@code vigil-backtest --detector} takes). */
    public static DetectorDefinition loadSingle(Path file) {
        List<DetectorDefinition> all = loadFile(file);
        if (all.size() != 1) {
            throw new DefinitionException(List.of(new ValidationIssue(file.toString(), 1, "detectors",
                    Kind.INVALID_VALUE, "expected exactly one detector in this file, found " + all.size())));
        }
        return all.get(0);
    }

    /**
     * Every {@code *.yaml}/{@code *.yml} under the directory (a ConfigMap mount's files once: {@link YamlFiles});
     * names must be unique across files.
     */
    public static DefinitionSet loadDirectory(Path dir) {
        List<ValidationIssue> issues = new ArrayList<>();
        List<DetectorDefinition> all = new ArrayList<>();
        List<MultivariateDefinition> multivariate = new ArrayList<>();
        for (Path file : yamlFiles(dir)) {
            all.addAll(parseInto(file.toString(), read(file), issues, multivariate));
        }
        Map<String, String> seen = new HashMap<>();
        for (DetectorDefinition d : all) {
            duplicate(seen, d.name(), d.source(), issues);
        }
        for (MultivariateDefinition d : multivariate) {
            duplicate(seen, d.name(), d.source(), issues);
        }
        if (!issues.isEmpty()) {
            throw new DefinitionException(issues);
        }
        return new DefinitionSet(all, multivariate);
    }

    private static void duplicate(Map<String, String> seen, String name, String source, List<ValidationIssue> issues) {
        String first = seen.putIfAbsent(name, source);
        if (first != null) {
            issues.add(new ValidationIssue(source, 0, "name", Kind.DUPLICATE_NAME,
                    "detector '" + name + "' is already defined in " + first));
        }
    }

    /** The file's univariate definitions; its multivariate ones are added to {@code multivariate}. */
    private static List<DetectorDefinition> parseInto(String file, String yaml, List<ValidationIssue> issues,
            List<MultivariateDefinition> multivariate) {
        DefinitionSpec.FileSpec spec;
        try {
            spec = MAPPER.readValue(yaml, DefinitionSpec.FileSpec.class);
        } catch (JsonProcessingException e) {
            issues.add(bindingIssue(file, e, YamlLocations.index(yaml)));
            return List.of();
        }
        boolean noDetectors = spec == null || spec.detectors() == null || spec.detectors().isEmpty();
        if (noDetectors && (spec == null || spec.multivariate() == null || spec.multivariate().isEmpty())) {
            issues.add(new ValidationIssue(file, 1, "detectors", Kind.MISSING_FIELD,
                    "a definition file needs a non-empty 'detectors:' or 'multivariate:' list"));
            return List.of();
        }
        SpecConverter converter = new SpecConverter(file, YamlLocations.index(yaml), issues);
        List<DetectorDefinition> out = new ArrayList<>();
        for (int i = 0; !noDetectors && i < spec.detectors().size(); i++) {
            converter.convert(spec.detectors().get(i), "detectors[" + i + "]").ifPresent(out::add);
        }
        for (int i = 0; spec.multivariate() != null && i < spec.multivariate().size(); i++) {
            converter.convert(spec.multivariate().get(i), "multivariate[" + i + "]").ifPresent(multivariate::add);
        }
        return out;
    }

    private static ValidationIssue bindingIssue(String file, JsonProcessingException e, YamlLocations lines) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        if (e instanceof JsonMappingException jm && lines.lineOf(JsonPaths.of(jm.getPath())) > 0) {
            line = lines.lineOf(JsonPaths.of(jm.getPath())); // where the field starts, not where the parser stopped
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String field = JsonPaths.of(u.getPath());
            return new ValidationIssue(file, line, field, Kind.UNKNOWN_FIELD, "unknown field '" + u.getPropertyName()
                    + "'; allowed here: " + u.getKnownPropertyIds());
        }
        if (e instanceof MismatchedInputException m) {
            return new ValidationIssue(file, line, JsonPaths.of(m.getPath()), Kind.WRONG_TYPE,
                    firstLine(m.getOriginalMessage()));
        }
        String field = e instanceof JsonMappingException jm ? JsonPaths.of(jm.getPath()) : "";
        return new ValidationIssue(file, line, field, Kind.SYNTAX, firstLine(e.getOriginalMessage()));
    }

    private static String firstLine(String message) {
        String m = Optional.ofNullable(message).orElse("invalid input");
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static List<Path> yamlFiles(Path dir) {
        try {
            return YamlFiles.list(dir, DIRECTORY_DEPTH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
