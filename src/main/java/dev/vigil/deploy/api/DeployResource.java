package dev.vigil.deploy.api;

import dev.vigil.security.ServiceScope;
import jakarta.inject.Provider;
import dev.vigil.core.DeployStatus;
import dev.vigil.deploy.AttributedAnomalies;
import dev.vigil.deploy.AttributedAnomaly;
import dev.vigil.deploy.DeployQuery;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.deploy.Deploys;
import dev.vigil.security.Role;
import dev.vigil.store.Page;
import dev.vigil.web.ProblemException;
import dev.vigil.web.QueryParams;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Deploys as Vigil knows them, newest first, each with the anomalies attributed to it. */
@Path("/api/v1/deploys")
@RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME})
@Blocking
public class DeployResource {

    private final Deploys deploys;
    private final AttributedAnomalies attributions;

    private final Provider<ServiceScope> callerScope;

    public DeployResource(Deploys deploys, AttributedAnomalies attributions, Provider<ServiceScope> callerScope) {
        this.callerScope = callerScope;
        this.deploys = deploys;
        this.attributions = attributions;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Page<DeployView> list(@QueryParam("service") String service, @QueryParam("environment") String environment,
            @QueryParam("status") String status, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        callerScope.get().requireListing(service, environment);
        String s = QueryParams.optional(status);
        if (s != null && DeployStatus.fromWire(s).isEmpty()) {
            throw ProblemException.badParameter("status", "must be one of started, succeeded, failed, rolled_back, removed");
        }
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        QueryParams.range(start, end);
        Page<DeployRecord> page = deploys.find(new DeployQuery(QueryParams.optional(service),
                QueryParams.optional(environment), s, start, end), QueryParams.page(limit, offset));
        Map<String, List<AttributedAnomaly>> attributed = attributions.attributedTo(
                page.items().stream().map(DeployRecord::id).toList());
        return new Page<>(page.items().stream().map(d -> DeployView.of(d, attributed.get(d.id()))).toList(),
                page.total(), page.limit(), page.offset());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public DeployView get(@PathParam("id") String id) {
        ServiceScope scope = callerScope.get();
        DeployRecord deploy = deploys.findById(id).filter(d -> scope.allows(d.service(), d.environment())).orElseThrow(() -> ProblemException.notFound("no deploy with id " + id));
        return DeployView.of(deploy, attributions.attributedTo(List.of(id)).get(id));
    }
}
