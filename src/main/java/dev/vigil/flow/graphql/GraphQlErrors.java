package dev.vigil.flow.graphql;

import dev.vigil.security.ServiceScope;
import dev.vigil.web.Problem;
import graphql.ErrorClassification;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * What a failing field answers: a GraphQL error with a message for people and {@code extensions.code} for programs
 * ({@code BAD_USER_INPUT} with the {@code argument} at fault, {@code FORBIDDEN} for data outside the token's scope,
 * {@code INTERNAL} for anything else, whose cause goes to the log only). Never a stack trace, a Java type or SQL.
 */
final class GraphQlErrors implements DataFetcherExceptionHandler {

    private static final Logger LOG = Logger.getLogger(GraphQlErrors.class);

    enum Code implements ErrorClassification {
        BAD_USER_INPUT, FORBIDDEN, INTERNAL
    }

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters params) {
        Throwable e = params.getException();
        Map<String, Object> extensions = new LinkedHashMap<>();
        Code code;
        String message;
        if (e instanceof BadArgument bad) {
            code = Code.BAD_USER_INPUT;
            message = Problem.truncate(bad.getMessage());
            extensions.put("argument", bad.argument());
        } else if (e instanceof ServiceScope.OutOfScope out) {
            code = Code.FORBIDDEN;
            message = out.getMessage();
        } else {
            LOG.errorf(e, "GraphQL field %s failed", params.getPath());
            code = Code.INTERNAL;
            message = "Vigil could not fetch this field; the log has details";
        }
        extensions.put("code", code.name());
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(GraphqlErrorBuilder.newError()
                .path(params.getPath()).location(params.getSourceLocation()).message(message).errorType(code)
                .extensions(extensions).build()).build());
    }
}
