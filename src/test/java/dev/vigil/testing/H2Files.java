package dev.vigil.testing;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** An H2 database in a file, with the URL options Vigil's embedded mode uses. */
public final class H2Files {

    private H2Files() {
    }

    public static DataSource in(Path dir) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        ds.setUser("vigil");
        return ds;
    }
}
