package dev.vigil.deploy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import javax.sql.DataSource;

/** Wires the deploy history over the application's datasource. */
@ApplicationScoped
public class DeployBeans {

    @Produces
    @ApplicationScoped
    DeployRepository deployRepository(DataSource dataSource) {
        return new DeployRepository(dataSource);
    }
}
