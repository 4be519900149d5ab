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
public record DefinitionSet(List<DetectorDefinition> definitions, List<MultivariateDefinition> multivariate) {

    private static final Comparator<DetectorDefinition> PRECEDENCE = Comparator
            .comparing(DetectorDefinition::selector, SeriesSelector.SPECIFICITY)
            .thenComparingInt(DetectorDefinition::priority)
            .thenComparing(DetectorDefinition::name, Comparator.reverseOrder());

    private static final Comparator<MultivariateDefinition> MULTIVARIATE_PRECEDENCE = Comparator
            .comparingInt((MultivariateDefinition d) -> d.service().specificity())
            .thenComparing(MultivariateDefinition::name, Comparator.reverseOrder());

    public DefinitionSet {
        definitions = List.copyOf(definitions);
        multivariate = List.copyOf(multivariate);
    }

    /** Univariate definitions only (no service has a multivariate detector). */
    public DefinitionSet(List<DetectorDefinition> definitions) {
        this(definitions, List.of());
    }

    /**
     * The multivariate definition that governs this service, if any matches: the most specific service pattern,
     * then the alphabetically first name. A service has at most one vector.
     */
    public Optional<MultivariateDefinition> selectMultivariate(String service) {
        return multivariate.stream().filter(d -> d.service().matches(service)).max(MULTIVARIATE_PRECEDENCE);
    }

    /** The definition that governs this series, if any matches. */
    public Optional<DetectorDefinition> select(SeriesKey key) {
        return definitions.stream().filter(d -> d.selector().matches(key)).max(PRECEDENCE);
    }

    public Optional<DetectorDefinition> byName(String name) {
        return definitions.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
