package dev.vigil.ingest.service;

import dev.vigil.testing.Postgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIf;

/** State stored with offsets on a real PostgreSQL server, each test in a schema of its own. */
@EnabledIf("dev.vigil.testing.Postgres#available")
class PostgresStateWithOffsetsTest extends StateWithOffsetsContract {

    @Override
    DataSource freshDatabase() {
        return Postgres.dataSource(Postgres.freshSchemaUrl());
    }
}
