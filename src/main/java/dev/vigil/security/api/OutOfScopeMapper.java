package dev.vigil.security.api;

import dev.vigil.security.ServiceScope;
import dev.vigil.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A service (or environment) outside the caller's token scope: 403, naming it. */
public class OutOfScopeMapper {

    @ServerExceptionMapper
    public Response outOfScope(ServiceScope.OutOfScope e, UriInfo uri) {
        Problem problem = Problem.of(403, "Forbidden", e.getMessage()).withInstance(uri.getPath());
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
