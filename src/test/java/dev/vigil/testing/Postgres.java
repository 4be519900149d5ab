package dev.vigil.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server the PostgreSQL tests run against: {@code VIGIL_TEST_POSTGRES_URL}, by default
 * {@code jdbc:postgresql://127.0.0.1:5432/test} as user {@code postgres}. Each test class gets a schema of its
 * own. Where no server answers the tests are skipped, unless {@code VIGIL_REQUIRE_POSTGRES=true} (CI sets it),
 * in which case they fail.
 */
public final class Postgres {

    public static final String URL = env("VIGIL_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("VIGIL_TEST_POSTGRES_USER", "postgres");
    /** The password bin/verify gives a fresh Debian cluster's postgres user; a trusting server ignores it. */
    public static final String PASSWORD = env("VIGIL_TEST_POSTGRES_PASSWORD", "postgres");

    private Postgres() {
    }

    /** For {@code @EnabledIf}: true when a server answers; fails instead of skipping when one is required. */
    public static boolean available() {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return c.isValid(5);
        } catch (SQLException e) {
            if (Boolean.parseBoolean(System.getenv("VIGIL_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("PostgreSQL is required (VIGIL_REQUIRE_POSTGRES=true) but " + URL
                        + " does not answer: " + e.getMessage(), e);
            }
            return false;
        }
    }

    /** Creates an empty schema and returns a JDBC URL whose connections use it. */
    public static String freshSchemaUrl() {
        String schema = "vigil_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(USER);
        ds.setPassword(PASSWORD);
        return ds;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
