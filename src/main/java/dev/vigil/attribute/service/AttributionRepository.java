package dev.vigil.attribute.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.attribute.AttributionRecord;
import dev.vigil.attribute.Attributions;
import dev.vigil.deploy.AttributedAnomalies;
import dev.vigil.deploy.AttributedAnomaly;
import dev.vigil.detect.anomaly.AnomalyFeedback;
import dev.vigil.store.Sql;
import dev.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Attributions of anomalies to deploys (table {@code anomaly_attributions}), one per anomaly. */
public final class AttributionRepository implements Attributions, AttributedAnomalies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "anomaly_id, deploy_id, service, environment, version, commits, metric, "
            + "anomaly_started_at, confidence, reasons, attributed_at";
    private static final String UPDATE = "UPDATE anomaly_attributions SET deploy_id = ?, service = ?, environment = ?, "
            + "version = ?, commits = ?, metric = ?, anomaly_started_at = ?, confidence = ?, reasons = ?, "
            + "attributed_at = ? WHERE anomaly_id = ?";
    private static final String INSERT = "INSERT INTO anomaly_attributions (deploy_id, service, environment, version, "
            + "commits, metric, anomaly_started_at, confidence, reasons, attributed_at, anomaly_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Rows per {@code IN (...)} query, well under every driver's parameter limit. */
    private static final int IN_CHUNK = 500;

    private final DataSource dataSource;

    public AttributionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the anomaly's attribution, replacing an earlier one (a later deploy event may change it). Returns true
     * when the anomaly had none before.
     */
    public boolean save(AttributionRecord a) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean inserted = write(c, UPDATE, a) == 0;
                if (inserted) {
                    write(c, INSERT, a);
                }
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("could not store the attribution of anomaly " + a.anomalyId(), e);
        }
    }

    private static int write(Connection c, String sql, AttributionRecord a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, a.deployId());
            ps.setString(2, a.service());
            ps.setString(3, a.environment());
            ps.setString(4, a.version());
            ps.setString(5, a.commits());
            ps.setString(6, a.metric());
            Sql.setInstant(ps, 7, a.anomalyStartedAt());
            ps.setDouble(8, a.confidence());
            ps.setString(9, json(a.reasons()));
            Sql.setInstant(ps, 10, a.attributedAt());
            ps.setString(11, a.anomalyId());
            return ps.executeUpdate();
        }
    }

    @Override
    public Optional<AttributionRecord> findByAnomaly(String anomalyId) {
        return Optional.ofNullable(byAnomalies(List.of(anomalyId)).get(anomalyId));
    }

    /** The attributions of the given anomalies, by anomaly id (anomalies without one are absent). */
    @Override
    public Map<String, AttributionRecord> byAnomalies(Collection<String> anomalyIds) {
        Map<String, AttributionRecord> out = new LinkedHashMap<>();
        select("anomaly_id", anomalyIds, "anomaly_id").forEach(a -> out.put(a.anomalyId(), a));
        return out;
    }

    /** The anomalies attributed to each of the given deploys, oldest anomaly first (deploys without any are absent). */
    @Override
    public Map<String, List<AttributionRecord>> byDeploys(Collection<String> deployIds) {
        Map<String, List<AttributionRecord>> out = new LinkedHashMap<>();
        select("deploy_id", deployIds, "anomaly_started_at, anomaly_id")
                .forEach(a -> out.computeIfAbsent(a.deployId(), k -> new ArrayList<>()).add(a));
        return out;
    }

    @Override
    public Map<String, List<AttributedAnomaly>> attributedTo(Collection<String> deployIds) {
        Map<String, List<AttributedAnomaly>> out = new LinkedHashMap<>();
        byDeploys(deployIds).forEach((id, as) -> out.put(id, as.stream().map(AttributionRecord::attributedAnomaly).toList()));
        return out;
    }

    /** Deploys of the service that some anomaly is attributed to with at least {@code minConfidence}. */
    @Override
    public Set<String> attributedDeploys(String service, double minConfidence) {
        String sql = "SELECT DISTINCT deploy_id FROM anomaly_attributions WHERE service = ? AND confidence >= ? AND "
                + AnomalyFeedback.notMarkedFalsePositive("anomaly_attributions.anomaly_id");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, service);
            ps.setDouble(2, minConfidence);
            ps.setString(3, AnomalyFeedback.FALSE_POSITIVE);
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not read the attributed deploys of " + service, e);
        }
    }

    private List<AttributionRecord> select(String column, Collection<String> ids, String orderBy) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> all = new ArrayList<>(new HashSet<>(ids));
        List<AttributionRecord> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < all.size(); i += IN_CHUNK) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
                String sql = "SELECT " + COLUMNS + " FROM anomaly_attributions WHERE " + column + " IN ("
                        + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") ORDER BY " + orderBy;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int j = 0; j < chunk.size(); j++) {
                        ps.setString(j + 1, chunk.get(j));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(read(rs));
                        }
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not read attributions by " + column, e);
        }
    }

    private static AttributionRecord read(ResultSet rs) throws SQLException {
        List<String> reasons;
        try {
            reasons = JSON.readValue(rs.getString("reasons"), STRINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("reasons of attribution " + rs.getString("anomaly_id") + " are not JSON", e);
        }
        return new AttributionRecord(rs.getString("anomaly_id"), rs.getString("deploy_id"), rs.getString("service"),
                rs.getString("environment"), rs.getString("version"), rs.getString("commits"), rs.getString("metric"),
                Sql.getInstant(rs, "anomaly_started_at"), rs.getDouble("confidence"), reasons,
                Sql.getInstant(rs, "attributed_at"));
    }

    private static String json(List<String> reasons) {
        try {
            return JSON.writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }
}
