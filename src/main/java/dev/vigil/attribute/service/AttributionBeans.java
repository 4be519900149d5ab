package dev.vigil.attribute.service;

import dev.vigil.attribute.DeployAttribution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import javax.sql.DataSource;

/** Wires the plain-Java attribution rule and its store from {@link AttributionConfig}. */
@ApplicationScoped
public class AttributionBeans {

    @Produces
    @ApplicationScoped
    AttributionRepository attributionRepository(DataSource dataSource) {
        return new AttributionRepository(dataSource);
    }

    @Produces
    @ApplicationScoped
    DeployAttribution deployAttribution(AttributionConfig config) {
        return new DeployAttribution(DeployAttribution.Settings.withWindow(config.window()));
    }
}
