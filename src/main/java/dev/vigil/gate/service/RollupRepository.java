package dev.vigil.gate.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.SeriesKey;
import dev.vigil.store.Dialect;
import dev.vigil.store.Sql;
import dev.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The rollups of Vigil's own samples (table {@code metric_rollups}). Storing merges into what is there, so partial
 * rollups of one interval (two flushes, or two owners of a partition one after the other) add up: one additive upsert
 * per row, sent in JDBC batches ({@link Dialect#upsert}). The ingest path writes them in the series flush's
 * transaction, with the consumer offsets they reflect ({@link #write}); {@link #store} is the same in a transaction
 * of its own.
 */
public final class RollupRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {
    };
    private static final String[] COLUMNS = {"series_id", "bucket_start", "service", "metric", "labels", "sample_count",
        "value_sum", "value_min", "value_max", "last_value", "last_at"};
    private static final String[] TYPES = {"CHAR(32)", "TIMESTAMP WITH TIME ZONE", "VARCHAR(256)", "VARCHAR(256)",
        "VARCHAR(16384)", "BIGINT", "DOUBLE PRECISION", "DOUBLE PRECISION", "DOUBLE PRECISION", "DOUBLE PRECISION",
        "TIMESTAMP WITH TIME ZONE"};
    private static final String ADD = "sample_count = t.sample_count + n.sample_count, "
            + "value_sum = t.value_sum + n.value_sum, value_min = LEAST(t.value_min, n.value_min), "
            + "value_max = GREATEST(t.value_max, n.value_max), "
            + "last_value = CASE WHEN t.last_at <= n.last_at THEN n.last_value ELSE t.last_value END, "
            + "last_at = GREATEST(t.last_at, n.last_at)";
    private static final Map<Dialect, String> UPSERT = new EnumMap<>(Dialect.class);

    static {
        for (Dialect d : Dialect.values()) {
            UPSERT.put(d, d.upsert("metric_rollups", COLUMNS, TYPES, new String[] {"series_id", "bucket_start"}, ADD));
        }
    }

    /** Rows sent in one JDBC batch at most. */
    private static final int BATCH = 1000;

    private final DataSource dataSource;

    public RollupRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Adds the rollups to the stored ones within the caller's transaction on {@code c} (the series flush's, so that
     * they are stored exactly with the offsets they reflect). Rows go in key order, so that two writers of the same
     * rows wait for each other rather than deadlock.
     */
    public static void write(Connection c, List<MetricRollup> rollups) throws SQLException {
        if (rollups.isEmpty()) {
            return;
        }
        List<Row> rows = new ArrayList<>(rollups.size());
        for (MetricRollup r : rollups) {
            rows.add(new Row(SeriesKey.of(r.service(), r.metric(), r.labels()).id(), r));
        }
        rows.sort(Comparator.comparing(Row::id).thenComparing(row -> row.rollup().bucket()));
        try (PreparedStatement ps = c.prepareStatement(UPSERT.get(Dialect.of(c)))) {
            int batched = 0;
            for (Row row : rows) {
                MetricRollup r = row.rollup();
                ps.setString(1, row.id());
                Sql.setInstant(ps, 2, r.bucket());
                ps.setString(3, r.service());
                ps.setString(4, r.metric());
                ps.setString(5, labels(r.labels()));
                ps.setLong(6, r.count());
                ps.setDouble(7, r.sum());
                ps.setDouble(8, r.min());
                ps.setDouble(9, r.max());
                ps.setDouble(10, r.last());
                Sql.setInstant(ps, 11, r.lastAt());
                ps.addBatch();
                if (++batched == BATCH) {
                    ps.executeBatch();
                    batched = 0;
                }
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
    }

    private record Row(String id, MetricRollup rollup) {
    }

    /** The rollups of one metric of a service whose interval starts within (from, to], oldest first. */
    public List<MetricRollup> read(String service, String metric, Instant from, Instant to) {
        String sql = "SELECT labels, bucket_start, sample_count, value_sum, value_min, value_max, last_value, last_at "
                + "FROM metric_rollups WHERE service = ? AND metric = ? AND bucket_start > ? AND bucket_start <= ? "
                + "ORDER BY bucket_start, series_id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, service);
            ps.setString(2, metric);
            Sql.setInstant(ps, 3, from);
            Sql.setInstant(ps, 4, to);
            Map<String, Map<String, String>> parsed = new HashMap<>();
            List<MetricRollup> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> labels = parsed.computeIfAbsent(rs.getString(1), RollupRepository::parse);
                    out.add(new MetricRollup(service, metric, labels, Sql.getInstant(rs, "bucket_start"),
                            rs.getLong(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7),
                            Sql.getInstant(rs, "last_at")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not read metric rollups of " + service + " " + metric, e);
        }
    }

    /** Deletes rollups whose interval started before {@code before}; how many. */
    public int prune(Instant before) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM metric_rollups WHERE bucket_start < ?")) {
            Sql.setInstant(ps, 1, before);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not prune metric rollups", e);
        }
    }

    private static String labels(Map<String, String> labels) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(labels));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels are strings and always serialise", e);
        }
    }

    private static Map<String, String> parse(String json) {
        try {
            return JSON.readValue(json, LABELS);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored rollup labels are not JSON: " + json, e);
        }
    }
}
