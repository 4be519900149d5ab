package dev.vigil.flow.graphql;

import dev.vigil.deploy.AttributedAnomalies;
import dev.vigil.deploy.Deploys;
import dev.vigil.gate.service.DecisionRepository;
import dev.vigil.gate.service.DecisionWriter;
import dev.vigil.predict.service.PredictionRecord;
import dev.vigil.predict.service.PredictionRepository;
import dev.vigil.security.ServiceScope;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The GraphQL engine (graphql-java) over Vigil's schema, {@code graphql/vigil.graphqls}: the SDL is the contract,
 * the fetchers of {@link DeployFetchers} fill it, {@link GraphQlLimits} bound each query before it runs and
 * {@link GraphQlErrors} word what fails.
 */
@ApplicationScoped
public class VigilGraph {

    static final String SCHEMA_RESOURCE = "graphql/vigil.graphqls";

    private final GraphQL graphQl;
    private final String sdl;

    public VigilGraph(Deploys deploys, AttributedAnomalies attributions, PredictionRepository predictions,
            DecisionRepository decisions, DecisionWriter writer, GraphQlConfig config) {
        DeployFetchers fetchers = new DeployFetchers(deploys, attributions, predictions, decisions, writer);
        this.sdl = schemaText();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring(fetchers));
        this.graphQl = GraphQL.newGraphQL(schema).instrumentation(GraphQlLimits.instrumentation(config))
                .defaultDataFetcherExceptionHandler(new GraphQlErrors()).build();
    }

    /** Runs one query for a caller of the given scope; the result in the GraphQL response format. */
    public ExecutionResult execute(String query, String operationName, Map<String, Object> variables, ServiceScope scope) {
        return graphQl.execute(ExecutionInput.newExecutionInput().query(query).operationName(operationName)
                .variables(variables == null ? Map.of() : variables)
                .graphQLContext(Map.of(ServiceScope.class, scope)).build());
    }

    /** The schema in SDL as written (with its comments and descriptions), for client generators. */
    public String sdl() {
        return sdl;
    }

    private static RuntimeWiring wiring(DeployFetchers f) {
        return RuntimeWiring.newRuntimeWiring()
                .scalar(DateTimeScalar.TYPE)
                .type("Query", t -> t.dataFetcher("deploy", f.deploy()).dataFetcher("deploys", f.deployList()))
                .type("Deploy", t -> t.dataFetcher("prediction", f.prediction()).dataFetcher("anomalies", f.anomalies())
                        .dataFetcher("decisions", f.decisions()))
                .type("Prediction", t -> t.dataFetcher("unavailableReason", env -> env.<PredictionRecord>getSource().reason())
                        .dataFetcher("reasons", DeployFetchers.predictionReasons()))
                .build();
    }

    private static String schemaText() {
        try (InputStream in = VigilGraph.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
