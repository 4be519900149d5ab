package dev.vigil.detect.definition;

import dev.vigil.detect.Seasonality;
import dev.vigil.detect.ValueKind;

import java.util.List;
import java.util.Map;

/** The YAML shape, bound strictly by Jackson (unknown fields fail). Nulls mean "use the default". */
final class DefinitionSpec {

    private DefinitionSpec() {
    }

    record FileSpec(List<Detector> detectors, List<Multivariate> multivariate) {
    }

    /** Durations such as {@code 60s}, {@code 5m}; {@code metrics} entries take {@code metric} and {@code labels}. */
    record Multivariate(String name, String service, List<Match> metrics, String step, String grace, Integer carry,
                        Integer window, Integer refitEvery, Integer warmUp, Integer trees, Double sensitivity,
                        Severity severity) {
    }

    /** {@code direction} is a word of {@link dev.vigil.core.Direction}, aliases included, read by the converter. */
    record Detector(String name, Match match, String algorithm, Double sensitivity, Seasonality seasonality,
                    String direction, Integer warmUp, ValueKind valueKind, Integer rebaseline,
                    Severity severity, Integer priority) {
    }

    record Match(String service, String metric, Map<String, String> labels) {
    }

    /** Each a score in (0, 1] or a false-alarm rate such as {@code 1/10d} ({@link SeverityRate}). */
    record Severity(String info, String warning, String critical) {
    }
}
