package dev.vigil.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** Wires the series registry (the series ingest has seen) and its table. */
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
}
