package dev.vigil.flow;

import dev.vigil.gate.Evidence;
import dev.vigil.ingest.service.SeriesRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * The gate's series-count port, answered from the series registry: the service's series seen in the last day
 * (a series that stopped reporting a week ago is no longer watched), at most {@link #MAX_COUNTED}. The gate grades a
 * service's incidents against the false-alarm budget of all its series ({@code ServiceIncidents}).
 */
@ApplicationScoped
public class GateSeriesCounts implements Evidence.SeriesCounts {

    static final Duration SEEN_WITHIN = Duration.ofDays(1);
    /** Enough for any one service; bounds the scan a gate evaluation costs. */
    static final int MAX_COUNTED = 10_000;

    private final SeriesRepository series;
    private final Clock clock;

    public GateSeriesCounts(SeriesRepository series, Clock clock) {
        this.series = series;
        this.clock = clock;
    }

    @Override
    public int count(String service, String environmentLabel, String environment) {
        return series.countSeen(service, clock.instant().minus(SEEN_WITHIN), environmentLabel, environment,
                MAX_COUNTED);
    }
}
