package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One weighted check of a gate policy. The YAML field {@code kind} picks the record; each record rejects fields it
 * does not know, so a typo fails the load instead of being ignored.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = AnomaliesCheck.class, name = "anomalies"),
    @JsonSubTypes.Type(value = SloCheck.class, name = "slo"),
    @JsonSubTypes.Type(value = CanaryCheck.class, name = "canary"),
    @JsonSubTypes.Type(value = FailureProbabilityCheck.class, name = "failure-probability")
})
public sealed interface GateCheck permits AnomaliesCheck, SloCheck, CanaryCheck, FailureProbabilityCheck {

    String name();

    /** Share of the gate score; > 0. */
    double weight();

    /** A critical check that fails fails the gate whatever the score. */
    boolean critical();

    Limits limits();

    /** The YAML kind, e.g. "slo". */
    String kind();

    /** The same check held against other limits (a risk band's, {@link RiskAdaptive}). */
    GateCheck withLimits(Limits limits);

    /** A dry-run check is computed, stored and shown, but the enforced verdict leaves it out. */
    boolean dryRun();

    /** How far apart the points of a {@code source: prometheus} check are when it does not say. */
    java.time.Duration DEFAULT_STEP = java.time.Duration.ofSeconds(15);

    static void requirePositive(String check, String field, java.time.Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("check " + check + ": field '" + field + "' must be a duration > 0, got " + d);
        }
    }

    static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("field 'name' is required and must not be blank");
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("field 'name' must match [A-Za-z0-9][A-Za-z0-9._-]*, got '" + name + "'");
        }
        return name;
    }

    static double weight(String check, Double weight) {
        double w = weight == null ? 1.0 : weight;
        if (!Double.isFinite(w) || w <= 0) {
            throw new IllegalArgumentException("check " + check + ": field 'weight' must be a number > 0, got " + weight);
        }
        return w;
    }

    static double require(String check, String field, Double value) {
        if (value == null) {
            throw new IllegalArgumentException("check " + check + ": field '" + field + "' is required");
        }
        return value;
    }
}
