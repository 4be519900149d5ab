package dev.vigil.flow.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLType;
import java.util.List;

/**
 * What one query may cost, checked before anything is fetched: its depth and its complexity (graphql-java's own
 * instrumentations; a query over either is refused whole with a GraphQL error). Page sizes are the arguments' own
 * bounds ({@link DeployFetchers}).
 */
final class GraphQlLimits {

    /** What a list without a {@code limit} argument (checks, reasons, anomalies of one deploy) is assumed to hold. */
    static final int UNBOUNDED_LIST_ESTIMATE = 10;

    private GraphQlLimits() {
    }

    static Instrumentation instrumentation(GraphQlConfig config) {
        return new ChainedInstrumentation(List.of(new MaxQueryDepthInstrumentation(config.maxDepth()),
                new MaxQueryComplexityInstrumentation(config.maxComplexity(), (FieldComplexityCalculator) GraphQlLimits::complexity)));
    }

    /**
     * 1 for the field and its selections, times the list's length where it is a list. Introspection's lists (types,
     * fields...) are not multiplied: the schema is small and fixed, and its nesting is held by the depth bound.
     */
    private static int complexity(FieldComplexityEnvironment env, int childComplexity) {
        int own = 1 + childComplexity;
        if (!isList(env.getFieldDefinition().getType()) || introspection(env)) {
            return own;
        }
        Object limit = env.getArguments().get("limit");
        int length = limit instanceof Integer n ? Math.max(n, 1) : UNBOUNDED_LIST_ESTIMATE;
        return saturated((long) own * length);
    }

    private static boolean introspection(FieldComplexityEnvironment env) {
        return env.getField().getName().startsWith("__") || env.getParentType().getName().startsWith("__");
    }

    private static boolean isList(GraphQLType type) {
        GraphQLType unwrapped = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
        return unwrapped instanceof GraphQLList;
    }

    private static int saturated(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }
}
