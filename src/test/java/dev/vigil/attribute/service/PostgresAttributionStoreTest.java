package dev.vigil.attribute.service;

import dev.vigil.testing.Postgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIf;

/** The attribution store contract on a real PostgreSQL server, each test in a schema of its own. */
@EnabledIf("dev.vigil.testing.Postgres#available")
class PostgresAttributionStoreTest extends AttributionStoreContract {

    @Override
    DataSource freshDatabase() {
        return Postgres.dataSource(Postgres.freshSchemaUrl());
    }
}
