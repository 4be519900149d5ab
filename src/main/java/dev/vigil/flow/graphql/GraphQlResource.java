package dev.vigil.flow.graphql;

import dev.vigil.security.Role;
import dev.vigil.security.ServiceScope;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/graphql}: the read-only GraphQL view of deploys with their predictions, attributed anomalies and gate
 * decisions (docs/integrations.md, "GraphQL"). The same tokens as REST (RequestGuard answers 401 and the rate limits
 * before this runs), the roles of the deploy listing, and the caller's service scope in every field.
 */
@Path("/api/v1/graphql")
@RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME})
@Blocking
@Tag(name = "GraphQL")
public class GraphQlResource {

    private final VigilGraph graph;
    private final GraphQlConfig config;
    private final Provider<ServiceScope> callerScope;

    public GraphQlResource(VigilGraph graph, GraphQlConfig config, Provider<ServiceScope> callerScope) {
        this.graph = graph;
        this.config = config;
        this.callerScope = callerScope;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "graphqlQuery", summary = "Run a GraphQL query",
            description = "Answers 200 with data and/or errors, as GraphQL over HTTP does; a query deeper or costlier "
                    + "than vigil.graphql.max-depth / max-complexity is refused whole with an error")
    @APIResponse(responseCode = "200", description = "The query ran, or was refused by validation (see errors)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GraphQlResponse.class)))
    @APIResponse(responseCode = "400", description = "No query, or one longer than vigil.graphql.max-query-length",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GraphQlResponse query(GraphQlRequest request) {
        String query = request == null ? null : request.query();
        if (query == null || query.isBlank()) {
            throw ProblemException.badRequest("a GraphQL query is required", List.of(
                    new Problem.FieldError(null, "query", "missing_field", "send {\"query\": \"{ deploys { id } }\"}")));
        }
        if (query.length() > config.maxQueryLength()) {
            throw ProblemException.badRequest("the query is too long", List.of(new Problem.FieldError(null, "query",
                    "too_long", "at most " + config.maxQueryLength() + " characters, got " + query.length())));
        }
        return GraphQlResponse.of(graph.execute(query, request.operationName(), request.variables(), callerScope.get())
                .toSpecification());
    }

    @GET
    @Path("/schema")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "graphqlSchema", summary = "The GraphQL schema (SDL), for client generators")
    @APIResponse(responseCode = "200", description = "The schema in GraphQL SDL",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class)))
    public String schema() {
        return graph.sdl();
    }
}
