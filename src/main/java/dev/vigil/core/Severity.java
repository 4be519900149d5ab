package dev.vigil.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How loud an anomaly (or an incident) is, ordered from least to most severe; one scale for detection, which
 * grades anomalies by their score, and the gate, whose policies count incidents of at least a severity. The
 * grades are the false-alarm rates of {@link AlarmRate}: {@code info} at most one false alarm per series per day
 * (score 0.75), {@code warning} a tenth of that (0.85), {@code critical} a hundredth (0.95).
 *
 * <p>On the wire (YAML, JSON, Kafka, the database) a severity is its lower-case name. Where people write one
 * ({@link #parse}), two words of the gate's former scale info / minor / major / critical are accepted as aliases:
 * {@code major} is {@code warning}, and {@code minor} is {@code warning} too, because no anomaly was ever graded
 * minor, so "minor or worse" always counted the same incidents as "major or worse".
 */
public enum Severity {
    INFO(1), WARNING(0.1), CRITICAL(0.01);

    /** The accepted words, for messages. */
    public static final String ACCEPTED = "info, warning or critical (major and minor are read as warning)";

    private final double budgets;

    Severity(double budgets) {
        this.budgets = budgets;
    }

    /**
     * The false-alarm rate, in daily budgets ({@link AlarmRate}), at or below which evidence has this severity: one
     * false alarm per series per day for info, a tenth of that for warning, a hundredth for critical.
     */
    public double budgets() {
        return budgets;
    }

    /** The most severe grade whose budget {@code budgets} is within; info for anything weaker than warning. */
    public static Severity ofBudgets(double budgets) {
        return budgets <= CRITICAL.budgets ? CRITICAL : budgets <= WARNING.budgets ? WARNING : INFO;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** The severity of its wire name ({@code info}, {@code warning}, {@code critical}); no aliases. */
    public static Optional<Severity> fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(text)).findFirst();
    }

    /** A severity as a person writes it: a name in any case, or an alias ({@code major}, {@code minor}). */
    public static Optional<Severity> fromWord(String word) {
        if (word == null) {
            return Optional.empty();
        }
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "info" -> Optional.of(INFO);
            case "warning", "major", "minor" -> Optional.of(WARNING);
            case "critical" -> Optional.of(CRITICAL);
            default -> Optional.empty();
        };
    }

    /** As {@link #fromWord}; an unknown word is an {@link IllegalArgumentException} naming the accepted ones. */
    public static Severity parse(String word) {
        return fromWord(word).orElseThrow(() -> new IllegalArgumentException(
                "unknown severity '" + word + "'; expected " + ACCEPTED));
    }
}
