package dev.vigil.gate.api;

import dev.vigil.security.ServiceScope;
import jakarta.inject.Provider;
import dev.vigil.gate.Verdict;
import dev.vigil.gate.service.DecisionLinks;
import dev.vigil.gate.service.DecisionQuery;
import dev.vigil.gate.service.DecisionRecord;
import dev.vigil.gate.service.DecisionRepository;
import dev.vigil.gate.service.DecisionWriter;
import dev.vigil.gate.service.EvaluationView;
import dev.vigil.gate.service.GateConfig;
import dev.vigil.gate.service.GateJson;
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
import jakarta.ws.rs.core.Context;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.jboss.logging.Logger;

/** Gate decisions as recorded, newest first (the audit trail). */
@Path("/api/v1/decisions")
@RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME})
@Blocking
public class DecisionResource {

    private static final Logger LOG = Logger.getLogger(DecisionResource.class);
    private static final Duration WRITTEN_WAIT = Duration.ofSeconds(5);

    private final DecisionRepository decisions;
    private final DecisionWriter writer;

    private final Provider<ServiceScope> callerScope;
    private final DecisionLinks links;
    private final GateConfig config;

    public DecisionResource(DecisionRepository decisions, DecisionWriter writer, Provider<ServiceScope> callerScope,
            DecisionLinks links, GateConfig config) {
        this.links = links;
        this.config = config;
        this.callerScope = callerScope;
        this.decisions = decisions;
        this.writer = writer;
    }

    /** Filters: service, environment, verdict, status (default DONE; PENDING for those still waiting), from/to on the creation time. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Page<EvaluationView> list(@QueryParam("service") String service, @QueryParam("environment") String environment,
            @QueryParam("verdict") String verdict, @QueryParam("status") String status, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        callerScope.get().requireListing(service, environment);
        String v = QueryParams.optional(verdict) == null ? null : verdict.trim().toUpperCase(Locale.ROOT);
        if (v != null && Arrays.stream(Verdict.values()).noneMatch(x -> x.name().equals(v))) {
            throw ProblemException.badParameter("verdict", "must be one of PASS, WARN, FAIL, INCONCLUSIVE");
        }
        String s = QueryParams.optional(status);
        s = s == null ? DecisionRecord.DONE : s.toUpperCase(Locale.ROOT);
        if (!s.equals(DecisionRecord.DONE) && !s.equals(DecisionRecord.PENDING)) {
            throw ProblemException.badParameter("status", "must be DONE or PENDING");
        }
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        QueryParams.range(start, end);
        awaitWritten();
        Page<DecisionRecord> page = decisions.find(new DecisionQuery(QueryParams.optional(service),
                QueryParams.optional(environment), v, s, start, end), QueryParams.page(limit, offset));
        return new Page<>(page.items().stream().map(r -> EvaluationView.of(GateJson.toEvaluation(r))).toList(),
                page.total(), page.limit(), page.offset());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public EvaluationView get(@PathParam("id") String id, @Context HttpServerRequest http) {
        ServiceScope scope = callerScope.get();
        return writer.unwritten(id)
                .or(() -> decisions.findById(id).map(GateJson::toEvaluation))
                .filter(e -> scope.allows(e.request().service(), e.request().environment()))
                .map(e -> EvaluationView.of(e, links.pageUrl(GateResource.baseUrl(config, http), e.id()), null))
                .orElseThrow(() -> ProblemException.notFound("no decision with id " + id));
    }

    /** A listing includes the decisions this replica answered before it (their rows are written off the request). */
    private void awaitWritten() {
        try {
            if (!writer.awaitWritten(WRITTEN_WAIT)) {
                LOG.warnf("decisions listed while %d are still being stored", writer.backlog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
