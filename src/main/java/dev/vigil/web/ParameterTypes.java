package dev.vigil.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The typed query parameters the API shares ({@code limit}, {@code offset}: integers; {@code open}: true or false),
 * checked before any resource sees them: left to the framework, a wrong type was an empty 400 (or a message naming
 * Java classes). Here it is a problem naming the parameter and the type expected, in JSON words.
 */
public class ParameterTypes {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
    private static final Pattern BOOLEAN = Pattern.compile("(?i)true|false");
    private static final Map<String, Expected> TYPED = Map.of(
            "limit", new Expected(INTEGER, "an integer"),
            "offset", new Expected(INTEGER, "an integer"),
            "open", new Expected(BOOLEAN, "true or false"));

    private record Expected(Pattern pattern, String words) {
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        var query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, Expected> typed : TYPED.entrySet()) {
            List<String> values = query.get(typed.getKey());
            if (values == null) {
                continue;
            }
            for (String value : values) {
                if (!typed.getValue().pattern().matcher(value.trim()).matches()) {
                    Problem problem = ProblemException.badParameter(typed.getKey(), "must be " + typed.getValue().words()
                            + ", got '" + value + "'").problem();
                    return ProblemMappers.respond(problem, request.getUriInfo());
                }
            }
        }
        return null;
    }
}
