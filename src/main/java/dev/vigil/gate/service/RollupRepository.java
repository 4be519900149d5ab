package dev.vigil.gate.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.SeriesKey;
import dev.vigil.store.Sql;
import dev.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The rollups of Vigil's own samples (table {@code metric_rollups}). Storing merges into what is there, so partial
 * rollups of one interval (two flushes, or two replicas during a rebalance) add up. Portable SQL: an UPDATE that
 * adds, then an INSERT of the rows it did not find, in one transaction, retried once if another replica inserted
 * one of them meanwhile.
 */
public final class RollupRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {
    };
    private static final String UPDATE = "UPDATE metric_rollups SET sample_count = sample_count + ?, "
            + "value_sum = value_sum + ?, value_min = LEAST(value_min, ?), value_max = GREATEST(value_max, ?), "
            + "last_value = CASE WHEN last_at <= ? THEN ? ELSE last_value END, last_at = GREATEST(last_at, ?) "
            + "WHERE series_id = ? AND bucket_start = ?";
    private static final String INSERT = "INSERT INTO metric_rollups (series_id, bucket_start, service, metric, labels, "
            + "sample_count, value_sum, value_min, value_max, last_value, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public RollupRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds the rollups to the stored ones, all or none. */
    public void store(List<MetricRollup> rollups) {
        if (rollups.isEmpty()) {
            return;
        }
        try {
            storeOnce(rollups);
        } catch (SQLException first) {
            try {
                storeOnce(rollups); // another replica inserted a row of ours first: now the UPDATE finds it
            } catch (SQLException e) {
                e.addSuppressed(first);
                throw new StoreException("could not store " + rollups.size() + " metric rollups", e);
            }
        }
    }

    private void storeOnce(List<MetricRollup> rollups) throws SQLException {
        List<String> ids = rollups.stream().map(r -> SeriesKey.of(r.service(), r.metric(), r.labels()).id()).toList();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int[] updated = update(c, rollups, ids);
                insertMissing(c, rollups, ids, updated);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static int[] update(Connection c, List<MetricRollup> rollups, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (int i = 0; i < rollups.size(); i++) {
                MetricRollup r = rollups.get(i);
                ps.setLong(1, r.count());
                ps.setDouble(2, r.sum());
                ps.setDouble(3, r.min());
                ps.setDouble(4, r.max());
                Sql.setInstant(ps, 5, r.lastAt());
                ps.setDouble(6, r.last());
                Sql.setInstant(ps, 7, r.lastAt());
                ps.setString(8, ids.get(i));
                Sql.setInstant(ps, 9, r.bucket());
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    private static void insertMissing(Connection c, List<MetricRollup> rollups, List<String> ids, int[] updated)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            boolean any = false;
            for (int i = 0; i < rollups.size(); i++) {
                if (updated[i] != 0) {
                    continue;
                }
                MetricRollup r = rollups.get(i);
                ps.setString(1, ids.get(i));
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
                any = true;
            }
            if (any) {
                ps.executeBatch();
            }
        }
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
