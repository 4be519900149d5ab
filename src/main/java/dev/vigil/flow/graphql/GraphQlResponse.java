package dev.vigil.flow.graphql;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A GraphQL response: {@code data} shaped by the query (the schema is served at {@code /api/v1/graphql/schema}), and
 * {@code errors} when a field or the whole query failed.
 */
@Schema(name = "GraphQlResponse", description = "A GraphQL response; data is shaped by the query")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GraphQlResponse(
        @Schema(description = "The answer, shaped by the query; null when the query was refused before running")
        Map<String, Object> data,
        @Schema(description = "What failed: message, locations, path, and extensions.code (BAD_USER_INPUT, FORBIDDEN, "
                + "INTERNAL, or graphql-java's validation classifications)")
        List<Map<String, Object>> errors) {

    @SuppressWarnings("unchecked")
    static GraphQlResponse of(Map<String, Object> specification) {
        return new GraphQlResponse((Map<String, Object>) specification.get("data"),
                (List<Map<String, Object>>) specification.get("errors"));
    }
}
