package dev.vigil.ingest.service;

import dev.vigil.ingest.DeployParser;
import dev.vigil.ingest.MetricParser;
import dev.vigil.ingest.TimeWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import javax.sql.DataSource;

/** Wires the parsers (with the accepted time window), the series registry (the series ingest has seen) and its table. */
@ApplicationScoped
public class IngestBeans {

    @Produces
    @ApplicationScoped
    SeriesRepository seriesRepository(DataSource dataSource) {
        return new SeriesRepository(dataSource);
    }

    /** A singleton: called for every sample, and an application-scoped client proxy looks its context up per call. */
    @Produces
    @Singleton
    SeriesRegistry seriesRegistry() {
        return new SeriesRegistry();
    }

    @Produces
    @Singleton
    TimeWindow timeWindow(IngestConfig config, Clock clock) {
        return new TimeWindow(config.maxFutureSkew(), config.maxAge(), clock);
    }

    @Produces
    @Singleton
    MetricParser metricParser(IngestConfig config, TimeWindow window) {
        return new MetricParser(config.serviceLabels(), window);
    }

    @Produces
    @Singleton
    DeployParser deployParser(TimeWindow window) {
        return new DeployParser(window);
    }
}
