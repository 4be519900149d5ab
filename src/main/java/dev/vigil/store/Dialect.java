package dev.vigil.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The two databases Vigil runs on, for the few statements portable SQL cannot say in one round trip: an additive
 * upsert is {@code INSERT ... ON CONFLICT ... DO UPDATE} on PostgreSQL and {@code MERGE INTO ... USING} on H2 (whose
 * PostgreSQL mode knows {@code ON CONFLICT DO NOTHING} only; {@code MERGE ... KEY} would replace, not add).
 */
public enum Dialect {
    H2,
    POSTGRESQL;

    /** SQLSTATE of a unique or primary key violation, the same on both. */
    public static final String UNIQUE_VIOLATION = "23505";

    /** Work done in a transaction on the connection it is given. */
    @FunctionalInterface
    public interface Transaction<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} and commits, on {@code connection} with auto-commit off; rolls back when it fails, and runs it
     * again (three attempts in all) when it failed on a unique violation: an additive {@code MERGE} on H2 races with
     * another writer inserting the same new row first, and the next attempt finds the row and adds to it.
     */
    public static <T> T commitRetryingInsertRaces(Connection connection, Transaction<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                connection.rollback();
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    public static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return product != null && product.toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
    }

    /**
     * One row's additive upsert into {@code table}: {@code columns} are bound in this order, the row is found by
     * {@code key}, and when it exists it is updated with {@code set} (assignments that read the stored row as
     * {@code t.column} and the new one as {@code n.column}), else inserted.
     *
     * @param types the SQL type of each column, for H2, which cannot type a bare parameter in a {@code VALUES} list
     */
    public String upsert(String table, String[] columns, String[] types, String[] key, String set) {
        String cols = String.join(", ", columns);
        if (this == POSTGRESQL) {
            return "INSERT INTO " + table + " AS t (" + cols + ") VALUES (" + "?, ".repeat(columns.length - 1) + "?) "
                    + "ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET " + set.replaceAll("\\bn\\.", "excluded.");
        }
        StringBuilder values = new StringBuilder();
        StringBuilder inserted = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            values.append(i == 0 ? "" : ", ").append("CAST(? AS ").append(types[i]).append(')');
            inserted.append(i == 0 ? "" : ", ").append("n.").append(columns[i]);
        }
        StringBuilder on = new StringBuilder();
        for (int i = 0; i < key.length; i++) {
            on.append(i == 0 ? "" : " AND ").append("t.").append(key[i]).append(" = n.").append(key[i]);
        }
        return "MERGE INTO " + table + " t USING (VALUES (" + values + ")) AS n(" + cols + ") ON " + on
                + " WHEN MATCHED THEN UPDATE SET " + set + " WHEN NOT MATCHED THEN INSERT (" + cols + ") VALUES ("
                + inserted + ")";
    }
}
