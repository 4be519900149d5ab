package dev.vigil.api;

import dev.vigil.ingest.DeployStatus;
import dev.vigil.security.Role;
import dev.vigil.store.DeployQuery;
import dev.vigil.store.DeployRecord;
import dev.vigil.store.DeployRepository;
import dev.vigil.store.Page;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** Deploys as Vigil knows them, newest first. */
@Path("/api/v1/deploys")
@RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME})
@Blocking
public class DeployResource {

    private final DeployRepository deploys;

    public DeployResource(DeployRepository deploys) {
        this.deploys = deploys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Page<DeployRecord> list(@QueryParam("service") String service, @QueryParam("environment") String environment,
            @QueryParam("status") String status, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        String s = QueryParams.optional(status);
        if (s != null && DeployStatus.fromWire(s).isEmpty()) {
            throw ProblemException.badParameter("status", "must be one of started, succeeded, failed, rolled_back, removed");
        }
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        QueryParams.range(start, end);
        return deploys.find(new DeployQuery(QueryParams.optional(service), QueryParams.optional(environment), s, start, end),
                QueryParams.page(limit, offset));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public DeployRecord get(@PathParam("id") String id) {
        return deploys.findById(id).orElseThrow(() -> ProblemException.notFound("no deploy with id " + id));
    }
}
