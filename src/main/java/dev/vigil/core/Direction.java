package dev.vigil.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which change of a metric is bad: a rise ({@code up}: latency, errors), a drop ({@code down}: throughput, success
 * rate) or either ({@code both}). Detector definitions use it to pick the deviations that count as anomalous,
 * canary metrics to pick the shifts that may fail a metric; a change in a direction that is not watched is not an
 * anomaly and passes a canary.
 *
 * <p>On the wire a direction is its lower-case name. Where people write one ({@link #parse}), the canary's
 * Kayenta words are accepted as aliases: {@code increase} is {@code up}, {@code decrease} is {@code down},
 * {@code either} is {@code both}. The order of the constants is stored in detector state: do not reorder.
 */
public enum Direction {
    UP, DOWN, BOTH;

    /** The accepted words, for messages. */
    public static final String ACCEPTED = "up, down or both (or increase, decrease, either)";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Turns a signed standardised residual into the part this direction cares about (>= 0). */
    public double oriented(double z) {
        return switch (this) {
            case UP -> Math.max(z, 0.0);
            case DOWN -> Math.max(-z, 0.0);
            case BOTH -> Math.abs(z);
        };
    }

    /** True when a rise is watched. */
    public boolean watchesIncrease() {
        return this != DOWN;
    }

    /** True when a drop is watched. */
    public boolean watchesDecrease() {
        return this != UP;
    }

    /** The direction of its wire name ({@code up}, {@code down}, {@code both}); no aliases. */
    public static Optional<Direction> fromWire(String text) {
        return Arrays.stream(values()).filter(d -> d.wireName().equals(text)).findFirst();
    }

    /** A direction as a person writes it: a name in any case, or an alias (increase, decrease, either). */
    public static Optional<Direction> fromWord(String word) {
        if (word == null) {
            return Optional.empty();
        }
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "up", "increase" -> Optional.of(UP);
            case "down", "decrease" -> Optional.of(DOWN);
            case "both", "either" -> Optional.of(BOTH);
            default -> Optional.empty();
        };
    }

    /** As {@link #fromWord}; an unknown word is an {@link IllegalArgumentException} naming the accepted ones. */
    public static Direction parse(String word) {
        return fromWord(word).orElseThrow(() -> new IllegalArgumentException(
                "unknown direction '" + word + "'; expected " + ACCEPTED));
    }
}
