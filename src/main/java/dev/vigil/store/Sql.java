package dev.vigil.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC conveniences shared by the repositories: timestamps in UTC and WHERE clauses built from filters. */
public final class Sql {

    private Sql() {
    }

    public static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, instant == null ? null : instant.atOffset(ZoneOffset.UTC));
    }

    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Instant instant) {
                setInstant(ps, i + 1, instant);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    public static long count(java.sql.Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Reads one row; the repositories' mappers. */
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** One page of {@code SELECT columns FROM table WHERE ... ORDER BY ...}, with the total count of matches. */
    public static <T> Page<T> page(java.sql.Connection c, String columns, String table, Where where, String orderBy,
            PageRequest page, RowReader<T> reader) throws SQLException {
        long total = count(c, "SELECT COUNT(*) FROM " + table + where.sql(), where.params());
        return new Page<>(items(c, columns, table, where, orderBy, page, reader), total, page.limit(), page.offset());
    }

    /** The rows of one page without the total count: one statement instead of two, for callers that need no total. */
    public static <T> List<T> items(java.sql.Connection c, String columns, String table, Where where, String orderBy,
            PageRequest page, RowReader<T> reader) throws SQLException {
        String sql = "SELECT " + columns + " FROM " + table + where.sql() + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?";
        List<T> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            List<Object> params = new ArrayList<>(where.params());
            params.add(page.limit());
            params.add(page.offset());
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(reader.read(rs));
                }
            }
        }
        return items;
    }

    /** Accumulates "column op ?" conditions for the filters that are present. */
    public static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        public Where eq(String column, Object value) {
            return add(column + " = ?", value);
        }

        public Where add(String condition, Object value) {
            if (value != null) {
                conditions.add(condition);
                params.add(value);
            }
            return this;
        }

        public String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        public List<Object> params() {
            return params;
        }
    }
}
