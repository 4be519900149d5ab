package dev.vigil.flow.graphql;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A GraphQL request over HTTP (the GraphQL-over-HTTP body): the query, and optionally its operation and variables. */
@Schema(name = "GraphQlRequest", description = "A GraphQL query, as GraphQL clients post it")
public record GraphQlRequest(
        @Schema(required = true, description = "The query document", examples = "{ deploys(service: \"checkout\") { id version } }")
        String query,
        @Schema(description = "Which operation of the document to run, when it holds several")
        String operationName,
        @Schema(description = "Values of the query's variables")
        Map<String, Object> variables) {
}
