package dev.vigil.flow.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The bounds of {@code /api/v1/graphql} ({@code vigil.graphql.*}; docs/integrations.md, "GraphQL"). */
@ConfigMapping(prefix = "vigil.graphql")
public interface GraphQlConfig {

    /**
     * Deepest selection a query may nest (fields within fields, fragments included). The schema itself is at most 4
     * deep; the rest is for introspection, whose standard query nests types 13 deep.
     */
    @WithName("max-depth")
    @WithDefault("15")
    int maxDepth();

    /**
     * Most a query may cost: a field costs 1 plus its selections, and a list multiplies that by its {@code limit}
     * argument (or by {@link GraphQlLimits#UNBOUNDED_LIST_ESTIMATE} where it has none): roughly the number of values it can return.
     */
    @WithName("max-complexity")
    @WithDefault("20000")
    int maxComplexity();

    /** Longest query text accepted, in characters. */
    @WithName("max-query-length")
    @WithDefault("16384")
    int maxQueryLength();
}
