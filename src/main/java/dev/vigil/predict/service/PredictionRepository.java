package dev.vigil.predict.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.predict.RiskLevel;
import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import dev.vigil.store.Sql;
import dev.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Failure predictions, newest first. Rows are written once and never updated (an audit trail). */
public final class PredictionRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, deploy_id, source, service, environment, version, repository, "
            + "base_commit, effective_base, commit_sha, commit_count, status, reason, probability, risk_level, "
            + "model_version, cold_start, note, explanations, features, created_at";

    /** Ids per {@code IN (...)} query, well under every driver's parameter limit. */
    private static final int IN_CHUNK = 500;

    private final DataSource dataSource;

    public PredictionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(PredictionRecord p) {
        String sql = "INSERT INTO predictions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, p.id());
            ps.setString(2, p.deployId());
            ps.setString(3, p.source().wire());
            ps.setString(4, p.service());
            ps.setString(5, p.environment());
            ps.setString(6, p.version());
            ps.setString(7, clip(p.repository(), 512));
            ps.setString(8, p.baseCommit());
            ps.setString(9, p.effectiveBase());
            ps.setString(10, p.commit());
            setInteger(ps, 11, p.commitCount());
            ps.setString(12, p.status().wire());
            ps.setString(13, clip(p.reason(), 1024));
            if (p.probability() == null) {
                ps.setNull(14, Types.DOUBLE);
            } else {
                ps.setDouble(14, p.probability());
            }
            ps.setString(15, p.riskLevel() == null ? null : p.riskLevel().name());
            ps.setString(16, p.modelVersion());
            if (p.coldStart() == null) {
                ps.setNull(17, Types.BOOLEAN);
            } else {
                ps.setBoolean(17, p.coldStart());
            }
            ps.setString(18, clip(p.note(), 1024));
            ps.setString(19, write(p.explanations()));
            ps.setString(20, write(p.features()));
            Sql.setInstant(ps, 21, p.createdAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not store prediction for " + p.service() + " " + p.commit(), e);
        }
    }

    public Optional<PredictionRecord> findById(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM predictions WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read prediction " + id, e);
        }
    }

    /** True when a prediction (of any status) was already made for the deploy: a redelivered event adds none. */
    public boolean existsForDeploy(String deployId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM predictions WHERE deploy_id = ?")) {
            ps.setString(1, deployId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("could not look up predictions of deploy " + deployId, e);
        }
    }

    /** Services with at least one ok prediction of a deploy: the ones a model could be trained for. */
    public List<String> predictedServices() {
        String sql = "SELECT DISTINCT service FROM predictions WHERE status = 'ok' AND deploy_id IS NOT NULL "
                + "ORDER BY service";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not list predicted services", e);
        }
    }

    /** The newest ok prediction of each deploy, by deploy id (deploys without one are absent). */
    public Map<String, PredictionRecord> latestOkByDeploys(Collection<String> deployIds) {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(deployIds));
        Map<String, PredictionRecord> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < all.size(); i += IN_CHUNK) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
                String sql = "SELECT " + COLUMNS + " FROM predictions WHERE status = 'ok' AND deploy_id IN ("
                        + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") ORDER BY created_at DESC, id";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int j = 0; j < chunk.size(); j++) {
                        ps.setString(j + 1, chunk.get(j));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            PredictionRecord p = read(rs);
                            out.putIfAbsent(p.deployId(), p);
                        }
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not read the predictions of " + all.size() + " deploys", e);
        }
    }

    /**
     * The newest ok prediction of a deploy whose commit matches {@code commit} ({@link #sameCommit}), among its
     * {@code limit} newest. No page count: a gate answer reads it.
     */
    public Optional<PredictionRecord> latestOkOfDeploy(String deployId, String commit, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM predictions WHERE status = 'ok' AND deploy_id = ?"
                + " ORDER BY created_at DESC, id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, deployId);
            ps.setMaxRows(limit);
            return firstOfCommit(ps, commit);
        } catch (SQLException e) {
            throw new StoreException("could not read the predictions of deploy " + deployId, e);
        }
    }

    /** The first row {@code ps} reads whose commit matches {@code commit} ({@link #sameCommit}), newest first. */
    private static Optional<PredictionRecord> firstOfCommit(PreparedStatement ps, String commit) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                PredictionRecord p = read(rs);
                if (sameCommit(p.commit(), commit)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The newest ok prediction of a release (service, environment, version) whose commit starts with {@code commit}
     * or is a prefix of it, among its {@code limit} newest: what a gate asked to be predicted for that release.
     */
    public Optional<PredictionRecord> latestOkOfRelease(String service, String environment, String version,
                                                       String commit, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM predictions WHERE status = 'ok' AND service = ? AND environment = ?"
                + " AND version = ? ORDER BY created_at DESC, id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, service);
            ps.setString(2, environment);
            ps.setString(3, version);
            ps.setMaxRows(limit);
            return firstOfCommit(ps, commit);
        } catch (SQLException e) {
            throw new StoreException("could not read the predictions of " + service + " " + version, e);
        }
    }

    /** A commit given abbreviated matches the full one stored (either way round). */
    public static boolean sameCommit(String stored, String given) {
        return stored != null && given != null && !given.isEmpty()
                && (stored.startsWith(given) || given.startsWith(stored));
    }

    public Page<PredictionRecord> find(PredictionQuery query, PageRequest page) {
        Sql.Where where = new Sql.Where()
                .eq("service", query.service())
                .eq("environment", query.environment())
                .eq("risk_level", query.riskLevel())
                .eq("status", query.status())
                .eq("deploy_id", query.deployId())
                .add("created_at >= ?", query.from())
                .add("created_at < ?", query.to());
        try (Connection c = dataSource.getConnection()) {
            return Sql.page(c, COLUMNS, "predictions", where, "created_at DESC, id", page, PredictionRepository::read);
        } catch (SQLException e) {
            throw new StoreException("could not list predictions", e);
        }
    }

    private static RiskLevel riskLevel(String stored) {
        return stored == null ? null : RiskLevel.valueOf(stored);
    }

    private static PredictionRecord read(ResultSet rs) throws SQLException {
        int count = rs.getInt("commit_count");
        Integer commitCount = rs.wasNull() ? null : count;
        double p = rs.getDouble("probability");
        Double probability = rs.wasNull() ? null : p;
        boolean cold = rs.getBoolean("cold_start");
        Boolean coldStart = rs.wasNull() ? null : cold;
        return PredictionRecord.builder()
                .id(rs.getString("id")).deployId(rs.getString("deploy_id")).source(PredictionRecord.Source.fromWire(rs.getString("source")))
                .service(rs.getString("service")).environment(rs.getString("environment"))
                .version(rs.getString("version")).repository(rs.getString("repository"))
                .baseCommit(rs.getString("base_commit")).effectiveBase(rs.getString("effective_base"))
                .commit(rs.getString("commit_sha")).commitCount(commitCount)
                .status(PredictionRecord.Status.fromWire(rs.getString("status"))).reason(rs.getString("reason"))
                .probability(probability).riskLevel(riskLevel(rs.getString("risk_level")))
                .modelVersion(rs.getString("model_version")).coldStart(coldStart).note(rs.getString("note"))
                .explanations(parse(rs.getString("explanations"))).features(parse(rs.getString("features")))
                .createdAt(Sql.getInstant(rs, "created_at"))
                .build();
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static String write(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise prediction JSON", e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored prediction JSON is unreadable", e);
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
