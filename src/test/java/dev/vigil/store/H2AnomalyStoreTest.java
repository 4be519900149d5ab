package dev.vigil.store;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

/** The anomaly store contract on H2 in a file, with the URL options the embedded mode uses. */
class H2AnomalyStoreTest extends AnomalyStoreContract {

    @TempDir
    java.nio.file.Path dir;

    @Override
    DataSource freshDatabase() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        ds.setUser("vigil");
        return ds;
    }
}
