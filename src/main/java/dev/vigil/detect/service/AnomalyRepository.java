package dev.vigil.detect.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.Severity;
import dev.vigil.detect.anomaly.Anomalies;
import dev.vigil.detect.anomaly.AnomalyFeedback;
import dev.vigil.detect.anomaly.AnomalyQuery;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import dev.vigil.store.Sql;
import dev.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Anomalies and the feedback on them. {@link #upsert} writes the latest state of many anomalies in one
 * transaction (an anomaly's row is replaced by its newer state), so the detection path can batch its writes.
 */
public final class AnomalyRepository implements Anomalies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, series_id, service, metric, labels, detector, status, severity, "
            + "started_at, updated_at, ended_at, peak_score, observed, expected, lower_bound, upper_bound, component";
    private static final String UPDATE = "UPDATE anomalies SET status = ?, severity = ?, updated_at = ?, ended_at = ?, "
            + "peak_score = ?, observed = ?, expected = ?, lower_bound = ?, upper_bound = ?, component = ? WHERE id = ?";
    private static final String INSERT = "INSERT INTO anomalies (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public AnomalyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes each anomaly's state (inserting the ones not stored yet), all or nothing. */
    public void upsert(List<AnomalyRecord> anomalies) {
        if (anomalies.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<AnomalyRecord> missing = update(c, anomalies);
                insert(c, missing);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("could not write " + anomalies.size() + " anomalies", e);
        }
    }

    private static List<AnomalyRecord> update(Connection c, List<AnomalyRecord> anomalies) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (AnomalyRecord a : anomalies) {
                ps.setString(1, a.status().wire());
                ps.setString(2, a.severity().wireName());
                Sql.setInstant(ps, 3, a.updatedAt());
                Sql.setInstant(ps, 4, a.endedAt());
                ps.setDouble(5, a.peakScore());
                ps.setDouble(6, a.observed());
                ps.setDouble(7, a.expected());
                ps.setDouble(8, a.lower());
                ps.setDouble(9, a.upper());
                ps.setString(10, a.component());
                ps.setString(11, a.id());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            List<AnomalyRecord> missing = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    missing.add(anomalies.get(i));
                }
            }
            return missing;
        }
    }

    private static void insert(Connection c, List<AnomalyRecord> anomalies) throws SQLException {
        if (anomalies.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (AnomalyRecord a : anomalies) {
                ps.setString(1, a.id());
                ps.setString(2, a.seriesId());
                ps.setString(3, a.service());
                ps.setString(4, a.metric());
                ps.setString(5, labelsJson(a.labels()));
                ps.setString(6, a.detector());
                ps.setString(7, a.status().wire());
                ps.setString(8, a.severity().wireName());
                Sql.setInstant(ps, 9, a.startedAt());
                Sql.setInstant(ps, 10, a.updatedAt());
                Sql.setInstant(ps, 11, a.endedAt());
                ps.setDouble(12, a.peakScore());
                ps.setDouble(13, a.observed());
                ps.setDouble(14, a.expected());
                ps.setDouble(15, a.lower());
                ps.setDouble(16, a.upper());
                ps.setString(17, a.component());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public Optional<AnomalyRecord> findById(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM anomalies WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read anomaly " + id, e);
        }
    }

    /** Newest first (by start), then by id. */
    @Override
    public Page<AnomalyRecord> find(AnomalyQuery query, PageRequest page) {
        try (Connection c = dataSource.getConnection()) {
            return Sql.page(c, COLUMNS, "anomalies", where(query), "started_at DESC, id", page, AnomalyRepository::read);
        } catch (SQLException e) {
            throw new StoreException("could not list anomalies", e);
        }
    }

    /**
     * The page {@link #find} answers, without its total: one query instead of two, for callers on a hot path that
     * need only the rows (the release gate evaluates on every request).
     */
    @Override
    public List<AnomalyRecord> items(AnomalyQuery query, PageRequest page) {
        try (Connection c = dataSource.getConnection()) {
            return Sql.items(c, COLUMNS, "anomalies", where(query), "started_at DESC, id", page, AnomalyRepository::read);
        } catch (SQLException e) {
            throw new StoreException("could not list anomalies", e);
        }
    }

    private static Sql.Where where(AnomalyQuery query) {
        return new Sql.Where()
                .eq("service", query.service())
                .eq("metric", query.metric())
                .eq("severity", query.severity() == null ? null : query.severity().wireName())
                .eq("status", query.openOnly() ? AnomalyRecord.Status.OPEN.wire() : null)
                .add("started_at < ?", query.to())
                .add("(ended_at IS NULL OR ended_at >= ?)", query.from())
                .add(AnomalyFeedback.notMarkedFalsePositive("anomalies.id"),
                        query.countedOnly() ? AnomalyFeedback.FALSE_POSITIVE : null);
    }

    /** Open anomalies of one series (normally at most one). */
    @Override
    public List<AnomalyRecord> openForSeries(String seriesId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM anomalies WHERE series_id = ? AND status = ? ORDER BY started_at")) {
            ps.setString(1, seriesId);
            ps.setString(2, AnomalyRecord.Status.OPEN.wire());
            List<AnomalyRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not read open anomalies of series " + seriesId, e);
        }
    }

    public AnomalyFeedback addFeedback(String anomalyId, String verdict, String comment, String createdBy, Instant at) {
        String sql = "INSERT INTO anomaly_feedback (anomaly_id, verdict, comment, created_by, created_at) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, anomalyId);
            ps.setString(2, verdict);
            ps.setString(3, comment);
            ps.setString(4, createdBy);
            Sql.setInstant(ps, 5, at);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                long id = keys.next() ? keys.getLong(1) : 0;
                return new AnomalyFeedback(id, anomalyId, verdict, comment, createdBy, at);
            }
        } catch (SQLException e) {
            throw new StoreException("could not store feedback on anomaly " + anomalyId, e);
        }
    }

    @Override
    public List<AnomalyFeedback> feedback(String anomalyId) {
        String sql = "SELECT id, anomaly_id, verdict, comment, created_by, created_at FROM anomaly_feedback "
                + "WHERE anomaly_id = ? ORDER BY created_at, id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, anomalyId);
            List<AnomalyFeedback> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AnomalyFeedback(rs.getLong("id"), rs.getString("anomaly_id"), rs.getString("verdict"),
                            rs.getString("comment"), rs.getString("created_by"), Sql.getInstant(rs, "created_at")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not read feedback on anomaly " + anomalyId, e);
        }
    }

    private static Severity severity(String stored) {
        return Severity.fromWire(stored).orElseThrow(
                () -> new StoreException("unknown anomaly severity '" + stored + "'", null));
    }

    private static AnomalyRecord read(ResultSet rs) throws SQLException {
        Map<String, String> labels;
        try {
            labels = JSON.readValue(rs.getString("labels"), LABELS);
        } catch (JsonProcessingException e) {
            throw new SQLException("labels of anomaly " + rs.getString("id") + " are not JSON", e);
        }
        return AnomalyRecord.builder()
                .id(rs.getString("id")).seriesId(rs.getString("series_id").trim())
                .service(rs.getString("service")).metric(rs.getString("metric")).labels(labels)
                .detector(rs.getString("detector")).status(AnomalyRecord.Status.fromWire(rs.getString("status")))
                .severity(severity(rs.getString("severity")))
                .startedAt(Sql.getInstant(rs, "started_at")).updatedAt(Sql.getInstant(rs, "updated_at"))
                .endedAt(Sql.getInstant(rs, "ended_at"))
                .peakScore(rs.getDouble("peak_score")).observed(rs.getDouble("observed"))
                .expected(rs.getDouble("expected")).lower(rs.getDouble("lower_bound")).upper(rs.getDouble("upper_bound"))
                .component(rs.getString("component"))
                .build();
    }

    private static String labelsJson(Map<String, String> labels) {
        try {
            return JSON.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
