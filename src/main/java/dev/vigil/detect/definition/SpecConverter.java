package dev.vigil.detect.definition;

import dev.vigil.core.Direction;
import dev.vigil.detect.DetectorFactory;
import dev.vigil.detect.DetectorSettings;
import dev.vigil.validation.ValidationIssue.Kind;
import dev.vigil.validation.ValidationIssue;
import dev.vigil.validation.YamlLocations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns one bound spec into a definition, applying defaults and recording every broken rule with its line. */
final class SpecConverter {

    private final String file;
    private final YamlLocations lines;
    private final List<ValidationIssue> issues;

    SpecConverter(String file, YamlLocations lines, List<ValidationIssue> issues) {
        this.file = file;
        this.lines = lines;
        this.issues = issues;
    }

    Optional<DetectorDefinition> convert(DefinitionSpec.Detector spec, String at) {
        int before = issues.size();
        if (spec == null) {
            issue(at, Kind.MISSING_FIELD, "empty detector entry");
            return Optional.empty();
        }
        if (spec.name() == null || spec.name().isBlank()) {
            issue(at + ".name", Kind.MISSING_FIELD, "name is required");
        }
        String algorithm = spec.algorithm() == null ? DetectorFactory.SEASONAL : spec.algorithm();
        if (!algorithm.equals(DetectorFactory.SEASONAL)) {
            issue(at + ".algorithm", Kind.INVALID_VALUE, "unknown algorithm '" + algorithm + "', expected [seasonal]");
        }
        SeriesSelector selector = selector(spec.match(), at + ".match");
        DetectorSettings settings = settings(spec, at);
        SeverityMapping severity = severity(spec.severity(), at + ".severity");
        if (issues.size() > before) {
            return Optional.empty();
        }
        int priority = spec.priority() == null ? 0 : spec.priority();
        return Optional.of(new DetectorDefinition(spec.name(), file, selector, algorithm, settings, severity, priority));
    }

    private SeriesSelector selector(DefinitionSpec.Match match, String at) {
        if (match == null) {
            return SeriesSelector.ALL;
        }
        NamePattern service = pattern(match.service(), at + ".service");
        NamePattern metric = pattern(match.metric(), at + ".metric");
        Map<String, NamePattern> labels = new HashMap<>();
        if (match.labels() != null) {
            match.labels().forEach((k, v) -> labels.put(k, pattern(v, at + ".labels." + k)));
        }
        return new SeriesSelector(service, metric, labels);
    }

    private NamePattern pattern(String text, String at) {
        if (text == null) {
            return NamePattern.ANY;
        }
        try {
            return NamePattern.of(text);
        } catch (IllegalArgumentException e) {
            issue(at, Kind.INVALID_VALUE, e.getMessage());
            return NamePattern.ANY;
        }
    }

    private DetectorSettings settings(DefinitionSpec.Detector spec, String at) {
        DetectorSettings d = DetectorSettings.defaults();
        Direction direction = d.direction();
        if (spec.direction() != null) {
            try {
                direction = Direction.parse(spec.direction());
            } catch (IllegalArgumentException e) {
                issue(at + ".direction", Kind.INVALID_VALUE, e.getMessage());
                return d;
            }
        }
        try {
            return new DetectorSettings(
                    spec.sensitivity() == null ? d.sensitivity() : spec.sensitivity(),
                    spec.seasonality() == null ? d.seasonality() : spec.seasonality(),
                    direction,
                    spec.warmUp() == null ? d.warmUpPoints() : spec.warmUp(),
                    spec.valueKind() == null ? d.valueKind() : spec.valueKind(),
                    spec.rebaseline() == null ? d.rebaseline() : spec.rebaseline());
        } catch (IllegalArgumentException e) {
            // DetectorSettings messages start with the offending field's name.
            String field = e.getMessage().split(" ", 2)[0];
            issue(at + "." + (field.equals("warmUpPoints") ? "warmUp" : field), Kind.INVALID_VALUE,
                    e.getMessage().replace("warmUpPoints", "warmUp"));
            return d;
        }
    }

    private SeverityMapping severity(DefinitionSpec.Severity spec, String at) {
        if (spec == null) {
            return SeverityMapping.DEFAULT;
        }
        SeverityMapping d = SeverityMapping.DEFAULT;
        try {
            return new SeverityMapping(level(spec.info(), d.info(), at + ".info"),
                    level(spec.warning(), d.warning(), at + ".warning"),
                    level(spec.critical(), d.critical(), at + ".critical"));
        } catch (IllegalArgumentException e) {
            issue(at, Kind.INVALID_VALUE, e.getMessage());
            return d;
        }
    }

    /** One severity's score threshold: given as a score or as a false-alarm rate; the default when absent. */
    private double level(String given, double fallback, String at) {
        if (given == null) {
            return fallback;
        }
        try {
            return SeverityRate.score(given);
        } catch (IllegalArgumentException e) {
            issue(at, Kind.INVALID_VALUE, e.getMessage());
            return fallback;
        }
    }

    private void issue(String field, Kind kind, String message) {
        issues.add(new ValidationIssue(file, lines.lineOf(field), field, kind, message));
    }
}
