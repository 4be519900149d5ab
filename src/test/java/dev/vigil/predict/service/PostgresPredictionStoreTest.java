package dev.vigil.predict.service;

import dev.vigil.testing.Postgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIf;

/** The prediction store contract on a real PostgreSQL server, each test in a schema of its own. */
@EnabledIf("dev.vigil.testing.Postgres#available")
class PostgresPredictionStoreTest extends PredictionStoreContract {

    @Override
    DataSource freshDatabase() {
        return Postgres.dataSource(Postgres.freshSchemaUrl());
    }
}
