package dev.vigil.gate.service;

import dev.vigil.testing.Postgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIf;

/** The rollup store contract on a real PostgreSQL server, each test in a schema of its own. */
@EnabledIf("dev.vigil.testing.Postgres#available")
class PostgresRollupStoreTest extends RollupStoreContract {

    @Override
    DataSource freshDatabase() {
        return Postgres.dataSource(Postgres.freshSchemaUrl());
    }
}
