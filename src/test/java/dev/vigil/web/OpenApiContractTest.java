package dev.vigil.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document Vigil serves, read by swagger-parser (the parser of openapi-generator and swagger-codegen) and
 * held to what a client generator needs: no parse message; an operationId, unique, on every operation; the bearer
 * scheme (opaque, not JWT) required by every API operation, which documents its 401 and 429; typed request and
 * success bodies (not a bare string or an untyped object); every error as a Problem; 413 wherever a body is read.
 * A failure lists every problem found, one line each ("METHOD /path: what"), so an endpoint added without its
 * annotations names itself.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class OpenApiContractTest {

    /** Media types whose bodies are text or bytes (the SDL, CSV, a shell script, OTLP protobuf): a string is their type. */
    private static final Set<String> TEXT_BODIES = Set.of("text/plain", "text/csv", "text/x-shellscript",
            "application/x-protobuf", "application/octet-stream", "application/yaml", "application/x-yaml", "text/yaml");

    /**
     * Error answers that are not problems on purpose: Flagger halts a rollout on a 412 and shows its body as text; the
     * decision page answers a browser, so a wrong link (403) or a gone decision (404) is a plain HTML page.
     */
    private static final Set<String> NOT_PROBLEMS = Set.of("POST /api/v1/gates/flagger 412", "GET /decisions/{id} 403",
            "GET /decisions/{id} 404");

    @Test
    void theServedDocumentParsesCleanlyAndIsFitForClientGenerators() {
        SwaggerParseResult result = parse();
        List<String> problems = new ArrayList<>();
        if (result.getMessages() != null) {
            result.getMessages().forEach(m -> problems.add("swagger-parser: " + m));
        }
        OpenAPI api = result.getOpenAPI();
        assertNotNull(api, () -> "swagger-parser could not read the document: " + problems);
        problems.addAll(securityScheme(api));
        Map<String, String> operationIds = new HashMap<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String where = method + " " + path;
            problems.addAll(operation(api, path, where, op).stream().map(p -> where + ": " + p).toList());
            String previous = op.getOperationId() == null ? null : operationIds.put(op.getOperationId(), where);
            if (previous != null) {
                problems.add(where + ": operationId '" + op.getOperationId() + "' is also " + previous);
            }
        }));
        assertTrue(problems.isEmpty(), () -> problems.size() + " problems in /q/openapi:\n  " + String.join("\n  ", problems));
        assertTrue(api.getPaths().containsKey("/api/v1/graphql") && api.getPaths().containsKey("/api/v1/gates/evaluate"),
                "the document lists the API");
    }

    @Test
    void theGateAndIngestOperationsAreTypedWithEveryAnswerTheyGive() {
        OpenAPI api = parse().getOpenAPI();
        Operation evaluate = api.getPaths().get("/api/v1/gates/evaluate").getPost();
        assertEquals("#/components/schemas/GateRequest",
                evaluate.getRequestBody().getContent().get("application/json").getSchema().get$ref());
        assertEquals("#/components/schemas/EvaluationView",
                evaluate.getResponses().get("202").getContent().get("application/json").getSchema().get$ref());
        assertTrue(evaluate.getResponses().keySet().containsAll(
                List.of("200", "202", "400", "401", "403", "409", "411", "413", "422", "429")), () -> evaluate.getResponses().keySet().toString());

        Operation metrics = api.getPaths().get("/api/v1/ingest/metrics").getPost();
        Schema<?> items = metrics.getRequestBody().getContent().get("application/json").getSchema();
        assertEquals("array", type(items));
        assertEquals("#/components/schemas/MetricItem", items.getItems().get$ref());
        assertEquals("#/components/schemas/Accepted",
                metrics.getResponses().get("202").getContent().get("application/json").getSchema().get$ref());
        assertFalse(metrics.getResponses().containsKey("200"), "ingest answers 202, not 200");
        assertTrue(metrics.getResponses().keySet().containsAll(
                List.of("202", "400", "401", "403", "411", "413", "415", "429", "503")), () -> metrics.getResponses().keySet().toString());
        assertEquals(List.of("bearer"), List.copyOf(metrics.getSecurity().get(0).keySet()));
        assertNull(api.getComponents().getSecuritySchemes().get("bearer").getBearerFormat());
    }

    private static SwaggerParseResult parse() {
        String json = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(json, null, options);
    }

    private static List<String> securityScheme(OpenAPI api) {
        SecurityScheme scheme = api.getComponents() == null || api.getComponents().getSecuritySchemes() == null ? null
                : api.getComponents().getSecuritySchemes().get("bearer");
        if (scheme == null) {
            return List.of("components.securitySchemes.bearer is missing");
        }
        List<String> out = new ArrayList<>();
        if (scheme.getType() != SecurityScheme.Type.HTTP || !"bearer".equalsIgnoreCase(scheme.getScheme())) {
            out.add("securitySchemes.bearer must be type http, scheme bearer; is " + scheme.getType() + " " + scheme.getScheme());
        }
        if (scheme.getBearerFormat() != null && scheme.getBearerFormat().toUpperCase().contains("JWT")) {
            out.add("securitySchemes.bearer says JWT, but Vigil's tokens are opaque");
        }
        return out;
    }

    private static List<String> operation(OpenAPI api, String path, String where, Operation op) {
        List<String> out = new ArrayList<>();
        if (op.getOperationId() == null || op.getOperationId().isBlank()) {
            out.add("no operationId");
        }
        boolean secured = path.startsWith("/api/") && !path.startsWith("/api/v1/gates/flagger");
        if (secured && (op.getSecurity() == null || op.getSecurity().stream().noneMatch(r -> r.containsKey("bearer")))) {
            out.add("no bearer security requirement");
        }
        Map<String, ApiResponse> responses = op.getResponses() == null ? Map.of() : op.getResponses();
        if (responses.keySet().stream().noneMatch(c -> c.startsWith("2"))) {
            out.add("no success (2xx) response");
        }
        for (String code : secured ? List.of("401", "429") : List.<String>of()) {
            if (!responses.containsKey(code)) {
                out.add("no " + code + " response");
            }
        }
        if (op.getRequestBody() != null) {
            if (!responses.containsKey("413")) {
                out.add("reads a body but documents no 413");
            }
            out.addAll(typed(api, "request body", op.getRequestBody().getContent()));
        }
        responses.forEach((code, response) -> {
            if (code.startsWith("2")) {
                out.addAll(typed(api, "response " + code, response.getContent()));
            } else if ((code.startsWith("4") || code.startsWith("5")) && !NOT_PROBLEMS.contains(where + " " + code)) {
                out.addAll(problem(code, response.getContent()));
            }
        });
        return out;
    }

    /** Each media type of a body has a schema a generator can make a type of. */
    private static List<String> typed(OpenAPI api, String what, Content content) {
        if (content == null || content.isEmpty()) {
            return what.equals("response 204") ? List.of() : List.of(what + " has no content type");
        }
        List<String> out = new ArrayList<>();
        content.forEach((mediaType, media) -> {
            Schema<?> schema = media.getSchema();
            String label = what + " " + mediaType;
            if (schema == null) {
                out.add(label + " has no schema");
            } else if (TEXT_BODIES.contains(mediaType) || mediaType.startsWith("text/")) {
                return;
            } else if (!isTyped(api, schema)) {
                out.add(label + " is untyped (" + describe(schema) + "): give it a record or an @Schema");
            }
        });
        return out;
    }

    private static boolean isTyped(OpenAPI api, Schema<?> schema) {
        if (schema.get$ref() != null) {
            Schema<?> target = api.getComponents().getSchemas().get(schema.get$ref().replace("#/components/schemas/", ""));
            return target != null && isTyped(api, target);
        }
        String type = type(schema);
        if ("array".equals(type)) {
            return schema.getItems() != null && isTyped(api, schema.getItems());
        }
        if ("object".equals(type)) {
            return schema.getProperties() != null && !schema.getProperties().isEmpty()
                    || schema.getAdditionalProperties() instanceof Schema<?>;
        }
        return schema.getOneOf() != null || schema.getAnyOf() != null || schema.getAllOf() != null;
    }

    private static List<String> problem(String code, Content content) {
        if (content == null || !content.containsKey("application/problem+json")) {
            return List.of("response " + code + " is not an application/problem+json Problem");
        }
        Schema<?> schema = content.get("application/problem+json").getSchema();
        return schema != null && "#/components/schemas/Problem".equals(schema.get$ref()) ? List.of()
                : List.of("response " + code + " problem+json does not refer to the Problem schema");
    }

    private static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        return schema.getTypes() == null ? null : schema.getTypes().stream().filter(t -> !t.equals("null")).findFirst().orElse(null);
    }

    private static String describe(Schema<?> schema) {
        String type = type(schema);
        return "type " + type + (schema.getFormat() == null ? "" : " format " + schema.getFormat());
    }
}
