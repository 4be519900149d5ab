package dev.vigil.gate.api;

import dev.vigil.config.VigilConfig;
import dev.vigil.core.AlarmRate;
import dev.vigil.detect.anomaly.Anomalies;
import dev.vigil.gate.Evidence;
import dev.vigil.gate.ServiceIncidents;
import dev.vigil.gate.service.StoredAnomalies;
import dev.vigil.security.Role;
import dev.vigil.security.ServiceScope;
import dev.vigil.web.ProblemException;
import dev.vigil.web.QueryParams;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Provider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A service's incidents as the gate grades them: anomalies of the service whose open intervals overlap are one
 * incident, graded against the false-alarm budget of all the service's series ({@link ServiceIncidents}). Anomalies
 * marked false positive are left out, as in the gate. This is what a person looking at a service asks ("one thing
 * went wrong at 09:40, on these five series"), where {@code /api/v1/anomalies} lists every series on its own.
 */
@Path("/api/v1/incidents")
@RolesAllowed({Role.VIEWER_NAME, Role.GATE_NAME})
@Blocking
public class IncidentResource {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(1);
    /** Bounds the anomalies one request reads (the gate's port scans at most 1,000 per window). */
    static final Duration MAX_WINDOW = Duration.ofDays(31);

    private final Evidence.Anomalies anomalies;
    private final Clock clock;
    private final Provider<ServiceScope> callerScope;

    public IncidentResource(Anomalies anomalies, Evidence.SeriesCounts seriesCounts, VigilConfig config, Clock clock,
                            Provider<ServiceScope> callerScope) {
        this.anomalies = new StoredAnomalies(anomalies, seriesCounts, config.gate().environmentLabel());
        this.clock = clock;
        this.callerScope = callerScope;
    }

    /** The incidents of one service in one environment open at some moment of [from, to) (default: the last day). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public IncidentList list(@QueryParam("service") String service, @QueryParam("environment") String environment,
                             @QueryParam("from") String from, @QueryParam("to") String to) {
        String s = required("service", service);
        String e = required("environment", environment);
        callerScope.get().require(s, e);
        Instant end = QueryParams.instant("to", to);
        end = end == null ? clock.instant() : end;
        Instant start = QueryParams.instant("from", from);
        start = start == null ? end.minus(DEFAULT_WINDOW) : start;
        QueryParams.range(start, end);
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.badParameter("from", "the window may span at most " + MAX_WINDOW.toDays() + " days");
        }
        int series = anomalies.seriesCount(s, e);
        List<IncidentView> items = ServiceIncidents.of(anomalies.open(s, e, start, end), series).stream()
                .map(IncidentView::of).toList();
        return new IncidentList(s, e, series, start, end, items);
    }

    private static String required(String name, String value) {
        String v = QueryParams.optional(value);
        if (v == null) {
            throw ProblemException.badParameter(name, "is required");
        }
        return v;
    }

    /**
     * @param seriesCount the series the service's budget is counted over (those seen in the last day, plus its
     *                    multivariate detector if it has one)
     */
    public record IncidentList(String service, String environment, int seriesCount, Instant from, Instant to,
                               List<IncidentView> items) {
    }

    /**
     * One incident.
     *
     * @param severity               graded at the service: {@code info} at most one such false alarm per service per
     *                               day, {@code warning} one per 10 days, {@code critical} one per 100 days
     * @param serviceFalseAlarmsPerDay how often data without anomalies would give evidence this strong somewhere in
     *                               the service (in budgets: one per day at the shipped {@code info} severity)
     * @param endedAt                when its last anomaly closed, or null while one is open
     */
    public record IncidentView(Instant startedAt, Instant endedAt, String severity, double serviceFalseAlarmsPerDay,
                               double score, List<AnomalyRef> anomalies) {

        static IncidentView of(ServiceIncidents.Incident incident) {
            List<AnomalyRef> refs = incident.anomalies().stream().map(AnomalyRef::of).toList();
            return new IncidentView(incident.startedAt(), endedAt(incident), incident.severity().wireName(), incident.budgets(),
                    AlarmRate.scoreAt(Math.min(incident.budgets(), 1)), refs);
        }

        private static Instant endedAt(ServiceIncidents.Incident incident) {
            Instant last = null;
            for (Evidence.OpenAnomaly a : incident.anomalies()) {
                if (a.endedAt() == null) {
                    return null;
                }
                last = last == null || a.endedAt().isAfter(last) ? a.endedAt() : last;
            }
            return last;
        }
    }

    /** One of an incident's anomalies, as detection graded its series on its own (details: /api/v1/anomalies/{id}). */
    public record AnomalyRef(String id, String metric, String severity, Instant detectedAt, Instant endedAt,
                             double peakScore) {

        static AnomalyRef of(Evidence.OpenAnomaly a) {
            return new AnomalyRef(a.id(), a.metric(), a.severity().wireName(), a.detectedAt(), a.endedAt(), a.peakScore());
        }
    }
}
