package dev.vigil.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import dev.vigil.validation.JsonPaths;
import dev.vigil.validation.JsonSyntax;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error the API returns is an RFC 7807 problem; nothing internal (stack traces, SQL) leaks into it. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Problem problem = Problem.of(401, "Unauthorized",
                "a valid bearer token is required: send 'Authorization: Bearer <token>'");
        return Response.fromResponse(respond(problem, uri)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vigil\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "Forbidden", "this token's roles do not allow this operation"), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(400, "Bad request", "the body is not valid JSON " + withoutJavaNames(JsonSyntax.describe(e))), uri);
    }

    /** Valid JSON of the wrong shape: the field and the JSON type it needs, never the Java class behind it. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        String field = JsonPaths.of(e.getPath());
        if (field.isEmpty() && e.getProcessor() instanceof JsonParser parser) {
            // a record's creator properties are bound without a path: the parser still knows where it stopped
            field = parser.getParsingContext().pathAsPointer().toString().replaceFirst("^/", "")
                    .replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
            if (field.isEmpty() && parser.getParsingContext().getCurrentName() != null) {
                field = parser.getParsingContext().getCurrentName();
            }
        }
        String message = e instanceof PropertyBindingException unknown
                ? "unknown field '" + unknown.getPropertyName() + "'"
                : "must be " + jsonType(e.getTargetType());
        String where = field == null || field.isEmpty() ? "the body" : "field '" + field + "'";
        return respond(Problem.of(400, "Bad request", where + ": " + message).withErrors(List.of(
                new Problem.FieldError(null, field == null || field.isEmpty() ? null : field, "invalid_type", message))), uri);
    }

    static String jsonType(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class && type != char.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || type == char.class || type == Character.class
                || java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** Jackson names the Java types it wanted (`java.util.ArrayList<...>`, class dev.vigil...): not for clients. */
    static String withoutJavaNames(String message) {
        return message == null ? null : message
                .replaceAll("\\(class [^)]*\\)", "")
                .replaceAll("`[A-Za-z_$][\\w$.<>, \\[\\]]*`", "the expected type")
                .replaceAll("\\b(?:java|javax|jakarta|dev\\.vigil|com\\.fasterxml)\\.[\\w$.]+", "a Java type");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, title, e.getMessage()), uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        return respond(Problem.of(500, "Internal error", "Vigil could not complete the request; the log has details"), uri);
    }

    static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri == null ? null : uri.getPath())).build();
    }
}
