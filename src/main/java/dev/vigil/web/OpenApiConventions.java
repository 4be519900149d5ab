package dev.vigil.web;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every API operation shares, added to the generated OpenAPI document ({@code mp.openapi.filter}) so that each
 * resource declares only what is its own: the security scheme (an opaque bearer token, not a JWT) and its
 * requirement; the answers {@code security.service.RequestGuard} and the problem mappers give before or around any
 * resource (401, 403, 429, and for bodies 400, 411, 413, 415); 404 where a path names a resource; and every error as
 * an RFC 7807 {@code Problem}. {@code OpenApiContractTest} holds the result to what client generators need.
 */
public class OpenApiConventions implements OASFilter {

    public static final String SCHEME = "bearer";
    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    /** Flagger's webhook carries its token in the body, and so takes no header. */
    private static final List<String> BODY_TOKEN_PATHS = List.of("/api/v1/gates/flagger");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        components.addSecurityScheme(SCHEME, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("An API token issued by POST /api/v1/admin/tokens (or the admin "
                        + "bootstrap token): an opaque string, sent as 'Authorization: Bearer <token>'. Not a JWT."));
        components.addSchema(PROBLEM, problemSchema());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> conventions(path, operation)));
    }

    private static void conventions(String path, Operation op) {
        if (!path.startsWith("/api/") && !path.equals("/v1/metrics")) {
            return;
        }
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        op.setResponses(responses);
        if (BODY_TOKEN_PATHS.stream().noneMatch(path::startsWith)) {
            op.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
            add(responses, "401", "No valid bearer token", Map.of("WWW-Authenticate",
                    header("Bearer realm=\"vigil\"", OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
            add(responses, "403", "The token's roles or service scope do not allow this", Map.of());
        }
        add(responses, "429", "Too many requests from this token or address, or the address is blocked after failed "
                + "authentications", Map.of("Retry-After", header("Seconds until a retry may succeed",
                OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))));
        if (op.getRequestBody() != null) {
            add(responses, "400", "The body is invalid; errors[] names each field at fault", Map.of());
            add(responses, "411", "A body of unknown length (chunked without Content-Length)", Map.of());
            add(responses, "413", "The body is over this endpoint's limit (vigil.security.body-limit.*)", Map.of());
            if (specificMediaTypes(op)) {
                add(responses, "415", "The body's Content-Type is not one this endpoint reads", Map.of());
            }
        }
        if (op.getParameters() != null && !op.getParameters().isEmpty()) {
            add(responses, "400", "A parameter is invalid; errors[] names it", Map.of());
        }
        if (path.contains("{")) {
            add(responses, "404", "Nothing with this id, or nothing the token's scope may see", Map.of());
        }
        responses.getAPIResponses().forEach(OpenApiConventions::problemContent);
    }

    private static boolean specificMediaTypes(Operation op) {
        Content content = op.getRequestBody().getContent();
        return content != null && content.getMediaTypes() != null
                && content.getMediaTypes().keySet().stream().noneMatch(t -> t.equals("*/*"));
    }

    private static void add(APIResponses responses, String code, String description, Map<String, Header> headers) {
        if (responses.hasAPIResponse(code)) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description);
        headers.forEach(response::addHeader);
        responses.addAPIResponse(code, response);
    }

    /** An error answer without a body of its own is a problem (RequestGuard's and the mappers' alike). */
    private static void problemContent(String code, APIResponse response) {
        if (code.startsWith("4") || code.startsWith("5")) {
            if (response.getContent() == null || response.getContent().getMediaTypes() == null
                    || response.getContent().getMediaTypes().isEmpty()) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
            }
        }
    }

    private static Header header(String description, Schema schema) {
        return OASFactory.createHeader().description(description).schema(schema);
    }

    /** {@link Problem} as its JSON reads; written here so that every error response can refer to it. */
    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One field at fault")
                .addProperty("index", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("Position of the item in a batch"))
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The field or parameter at fault"))
                .addProperty("reason", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("A stable code, e.g. missing_field"))
                .addProperty("message", string);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 7807 problem (application/problem+json)")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string)
                .addProperty("instance", string)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .required(List.of("type", "title", "status"));
    }
}
