package dev.vigil.store;

import dev.vigil.config.VigilConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource.DataSourceLiteral;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Wires the plain-Java repositories to whichever datasource is active: {@code h2} (embedded, default) or
 * {@code postgres} (when {@code vigil.database.postgres-url} is set). Both are declared at build time; the
 * run-mode config source switches exactly one of them on.
 */
@ApplicationScoped
public class StoreBeans {

    @Produces
    @ApplicationScoped
    DataSource activeDataSource(VigilConfig config) {
        return Arc.container().select(AgroalDataSource.class, new DataSourceLiteral(config.database().kind())).get();
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
