package dev.vigil.detect.definition;

import dev.vigil.core.Direction;
import dev.vigil.detect.DetectorFactory;
import dev.vigil.detect.DetectorSettings;
import dev.vigil.validation.ValidationIssue.Kind;
import dev.vigil.validation.ValidationIssue;
import dev.vigil.validation.YamlLocations;
import dev.vigil.detect.multivariate.MultivariateSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns one bound spec into a definition, applying defaults and recording every broken rule with its line. */
final class SpecConverter {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Duration DEFAULT_STEP = Duration.ofSeconds(60);
    private static final Duration MIN_STEP = Duration.ofSeconds(1);
    private static final Duration MAX_STEP = Duration.ofHours(1);
    /** Grace and carry, in steps: at most the steps an aligner keeps open. */
    private static final int MAX_GRACE_STEPS = 8;

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

    Optional<MultivariateDefinition> convert(DefinitionSpec.Multivariate spec, String at) {
        int before = issues.size();
        if (spec == null) {
            issue(at, Kind.MISSING_FIELD, "empty multivariate entry");
            return Optional.empty();
        }
        if (spec.name() == null || spec.name().isBlank()) {
            issue(at + ".name", Kind.MISSING_FIELD, "name is required");
        }
        if (spec.service() == null) {
            issue(at + ".service", Kind.MISSING_FIELD, "service is required (a name or pattern; \"*\" for every service)");
        }
        NamePattern service = pattern(spec.service(), at + ".service");
        List<MultivariateDefinition.KeyMetric> metrics = keyMetrics(spec.metrics(), at + ".metrics");
        Duration step = duration(spec.step(), DEFAULT_STEP, at + ".step");
        Duration grace = duration(spec.grace(), step.dividedBy(2), at + ".grace");
        if (step.compareTo(MIN_STEP) < 0 || step.compareTo(MAX_STEP) > 0) {
            issue(at + ".step", Kind.INVALID_VALUE, "step must be from 1s to 1h, got " + spec.step());
        } else if (grace.compareTo(step.multipliedBy(MAX_GRACE_STEPS)) > 0) {
            issue(at + ".grace", Kind.INVALID_VALUE, "grace must be at most " + MAX_GRACE_STEPS + " steps, got "
                    + spec.grace());
        }
        int carry = spec.carry() == null ? 1 : spec.carry();
        if (carry < 0 || carry > MAX_GRACE_STEPS) {
            issue(at + ".carry", Kind.INVALID_VALUE, "carry must be in [0, " + MAX_GRACE_STEPS + "] steps, got " + carry);
        }
        MultivariateSettings settings = multivariateSettings(spec, metrics.size(), at);
        SeverityMapping severity = severity(spec.severity(), at + ".severity");
        if (issues.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new MultivariateDefinition(spec.name(), file, service, metrics, step, grace, carry, settings,
                severity));
    }

    private List<MultivariateDefinition.KeyMetric> keyMetrics(List<DefinitionSpec.Match> specs, String at) {
        if (specs == null || specs.size() < 2 || specs.size() > MultivariateSettings.MAX_DIMENSIONS) {
            issue(at, specs == null ? Kind.MISSING_FIELD : Kind.INVALID_VALUE, "metrics must list 2 to "
                    + MultivariateSettings.MAX_DIMENSIONS + " key metrics, got " + (specs == null ? 0 : specs.size()));
            return List.of();
        }
        List<MultivariateDefinition.KeyMetric> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            DefinitionSpec.Match m = specs.get(i);
            String here = at + "[" + i + "]";
            if (m == null || m.metric() == null) {
                issue(here + ".metric", Kind.MISSING_FIELD, "each key metric needs a metric name or pattern");
                continue;
            }
            if (m.service() != null) {
                issue(here + ".service", Kind.INVALID_VALUE, "a key metric takes the definition's service; "
                        + "write only metric and labels here");
            }
            SeriesSelector selector = selector(new DefinitionSpec.Match(null, m.metric(), m.labels()), here);
            out.add(new MultivariateDefinition.KeyMetric(m.metric(), selector));
        }
        return out;
    }

    private MultivariateSettings multivariateSettings(DefinitionSpec.Multivariate spec, int dimensions, String at) {
        MultivariateSettings d = MultivariateSettings.defaults(2);
        try {
            return new MultivariateSettings(Math.max(dimensions, 2),
                    spec.window() == null ? d.window() : spec.window(),
                    spec.refitEvery() == null ? d.refitEvery() : spec.refitEvery(),
                    spec.warmUp() == null ? d.warmUp() : spec.warmUp(),
                    spec.trees() == null ? d.trees() : spec.trees(),
                    spec.sensitivity() == null ? d.sensitivity() : spec.sensitivity());
        } catch (IllegalArgumentException e) {
            // MultivariateSettings messages start with the offending field's name.
            issue(at + "." + e.getMessage().split(" ", 2)[0], Kind.INVALID_VALUE, e.getMessage());
            return d;
        }
    }

    private Duration duration(String text, Duration fallback, String at) {
        if (text == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            issue(at, Kind.INVALID_VALUE, "expected a duration such as 30s, 5m or 1h, got '" + text + "'");
            return fallback;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
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
