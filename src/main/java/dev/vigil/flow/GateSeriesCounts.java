package dev.vigil.flow;

import dev.vigil.detect.service.DefinitionRegistry;
import dev.vigil.gate.Evidence;
import dev.vigil.ingest.service.SeriesRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * The gate's series-count port, answered from the series registry: the service's series seen in the last day
 * (a series that stopped reporting a week ago is no longer watched), at most {@link #MAX_COUNTED}, plus one for the
 * service's multivariate detector if a definition names the service: it alarms on its own budget like one more
 * series (its pseudo series is not in the registry). The gate grades a service's incidents against the false-alarm
 * budget of all its tests ({@code ServiceIncidents}).
 */
@ApplicationScoped
public class GateSeriesCounts implements Evidence.SeriesCounts {

    static final Duration SEEN_WITHIN = Duration.ofDays(1);
    /** Enough for any one service; bounds the scan a gate evaluation costs. */
    static final int MAX_COUNTED = 10_000;

    private final SeriesRepository series;
    private final DefinitionRegistry definitions;
    private final Clock clock;

    public GateSeriesCounts(SeriesRepository series, DefinitionRegistry definitions, Clock clock) {
        this.series = series;
        this.definitions = definitions;
        this.clock = clock;
    }

    @Override
    public int count(String service, String environmentLabel, String environment) {
        int seen = series.countSeen(service, clock.instant().minus(SEEN_WITHIN), environmentLabel, environment,
                MAX_COUNTED);
        return seen + (definitions.current().selectMultivariate(service).isPresent() ? 1 : 0);
    }
}
