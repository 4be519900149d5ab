package dev.vigil.detect.definition;

import dev.vigil.core.Severity;
import java.util.Locale;

/**
 * Score thresholds for each severity; they must increase. A score at or above {@code info} opens an
 * anomaly: that is the threshold the NAB fixed-threshold figure uses.
 */
public record SeverityMapping(double info, double warning, double critical) {

    /** The shipped mapping; {@code info} is the shipped anomaly threshold. */
    public static final SeverityMapping DEFAULT = new SeverityMapping(0.75, 0.85, 0.95);

    public SeverityMapping {
        if (!(0 < info && info < warning && warning < critical && critical <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "severity thresholds must satisfy 0 < info < warning < critical <= 1, got %s/%s/%s",
                    info, warning, critical));
        }
    }

    /** The severity of a score, or null when it is below {@code info} (not anomalous). */
    public Severity classify(double score) {
        return score >= critical ? Severity.CRITICAL
                : score >= warning ? Severity.WARNING
                : score >= info ? Severity.INFO : null;
    }
}
