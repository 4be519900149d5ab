package dev.vigil.ingest.api;

import dev.vigil.security.ServiceScope;
import jakarta.inject.Provider;
import dev.vigil.ingest.service.SeriesQuery;
import dev.vigil.ingest.service.SeriesRecord;
import dev.vigil.ingest.service.SeriesRepository;
import dev.vigil.security.Role;
import dev.vigil.store.Page;
import dev.vigil.web.QueryParams;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** The series registry: every distinct series seen, with first/last seen, sample count and last value. */
@Path("/api/v1/series")
@RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME})
@Blocking
public class SeriesResource {

    private final SeriesRepository series;

    private final Provider<ServiceScope> callerScope;

    public SeriesResource(SeriesRepository series, Provider<ServiceScope> callerScope) {
        this.callerScope = callerScope;
        this.series = series;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Page<SeriesRecord> list(@QueryParam("service") String service, @QueryParam("name") String name,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        callerScope.get().requireListing(service);
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        QueryParams.range(start, end);
        return series.find(new SeriesQuery(QueryParams.optional(service), QueryParams.optional(name), start, end),
                QueryParams.page(limit, offset));
    }
}
