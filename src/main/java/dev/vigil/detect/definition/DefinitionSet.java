package dev.vigil.detect.definition;

import dev.vigil.core.SeriesKey;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A loaded, validated set of definitions and the rule that picks one per series: among the definitions
 * whose selector matches, the most specific wins ({@link SeriesSelector#SPECIFICITY}), then the higher
 * {@code priority}, then the alphabetically first name, so the choice is total and deterministic.
 */
public record DefinitionSet(List<DetectorDefinition> definitions) {

    private static final Comparator<DetectorDefinition> PRECEDENCE = Comparator
            .comparing(DetectorDefinition::selector, SeriesSelector.SPECIFICITY)
            .thenComparingInt(DetectorDefinition::priority)
            .thenComparing(DetectorDefinition::name, Comparator.reverseOrder());

    public DefinitionSet {
        definitions = List.copyOf(definitions);
    }

    /** The definition that governs this series, if any matches. */
    public Optional<DetectorDefinition> select(SeriesKey key) {
        return definitions.stream().filter(d -> d.selector().matches(key)).max(PRECEDENCE);
    }

    public Optional<DetectorDefinition> byName(String name) {
        return definitions.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
