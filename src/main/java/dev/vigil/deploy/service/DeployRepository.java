package dev.vigil.deploy.service;

import dev.vigil.core.DeployEvent;
import dev.vigil.core.DeployStatus;
import dev.vigil.deploy.DeployLifecycle;
import dev.vigil.deploy.DeployQuery;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.deploy.Deploys;
import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import dev.vigil.store.Sql;
import dev.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Deploys and their event history.
 *
 * <p>Events may arrive more than once (Kafka delivers at least once) and out of order; {@link #record} keeps
 * the result the same either way: an event id seen before is ignored, and {@link DeployLifecycle#merge} decides
 * what a new event changes on the deploy (a finished status is never replaced by {@code started}, and between two
 * finished statuses the later one wins).
 */
public final class DeployRepository implements Deploys {

    private static final String COLUMNS = "id, service, environment, version, commit_sha, previous_commit, repository, "
            + "status, started_at, finished_at, updated_at, source_format";

    private final DataSource dataSource;

    public DeployRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies one event; returns the deploy as it stands afterwards. */
    @Override
    public DeployRecord record(DeployEvent event, Instant receivedAt) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                DeployRecord result = apply(c, event, receivedAt);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("could not record deploy event for " + event.service() + " " + event.version(), e);
        }
    }

    private DeployRecord apply(Connection c, DeployEvent event, Instant receivedAt) throws SQLException {
        Optional<DeployRecord> existing = findByIdentity(c, event.service(), event.environment(), event.version());
        if (existing.isPresent() && event.eventId() != null && seen(c, existing.get().id(), event.eventId())) {
            return existing.get();
        }
        DeployRecord merged = existing.map(d -> DeployLifecycle.merge(d, event))
                .orElseGet(() -> DeployLifecycle.fresh(UUID.randomUUID().toString(), event));
        if (existing.isPresent()) {
            update(c, merged);
        } else {
            insert(c, merged);
        }
        insertEvent(c, merged.id(), event, receivedAt);
        return merged;
    }

    @Override
    public Optional<DeployRecord> findById(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM deploys WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read deploy " + id, e);
        }
    }

    /** By the unique index of a release (deploys_identity): one row at most, for every gate answer. */
    @Override
    public Optional<DeployRecord> findRelease(String service, String environment, String version) {
        String sql = "SELECT " + COLUMNS + " FROM deploys WHERE service = ? AND environment = ? AND version = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, service);
            ps.setString(2, environment);
            ps.setString(3, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the deploy of " + service + " " + version, e);
        }
    }

    @Override
    public Page<DeployRecord> find(DeployQuery query, PageRequest page) {
        Sql.Where where = new Sql.Where()
                .eq("service", query.service())
                .eq("environment", query.environment())
                .eq("status", query.status())
                .add("updated_at >= ?", query.from())
                .add("updated_at < ?", query.to());
        try (Connection c = dataSource.getConnection()) {
            return Sql.page(c, COLUMNS, "deploys", where, "updated_at DESC, id", page, DeployRepository::read);
        } catch (SQLException e) {
            throw new StoreException("could not list deploys", e);
        }
    }

    /**
     * Deploys of a service that started in {@code [from, to]}, oldest first; a deploy only ever seen finished counts
     * from its last update (as everywhere else: {@link DeployRecord#at}). At most {@code limit}.
     */
    @Override
    public List<DeployRecord> startedBetween(String service, Instant from, Instant to, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM deploys WHERE service = ? AND COALESCE(started_at, updated_at) >= ? "
                + "AND COALESCE(started_at, updated_at) <= ? ORDER BY COALESCE(started_at, updated_at), id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, service);
            Sql.setInstant(ps, 2, from);
            Sql.setInstant(ps, 3, to);
            ps.setInt(4, limit);
            List<DeployRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not list deploys of " + service + " started in a range", e);
        }
    }

    private static Optional<DeployRecord> findByIdentity(Connection c, String service, String environment, String version)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM deploys WHERE service = ? AND environment = ? AND version = ? FOR UPDATE";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, service);
            ps.setString(2, environment);
            ps.setString(3, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static boolean seen(Connection c, String deployId, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM deploy_events WHERE deploy_id = ? AND event_id = ?")) {
            ps.setString(1, deployId);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insert(Connection c, DeployRecord d) throws SQLException {
        String sql = "INSERT INTO deploys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, d.id());
            ps.setString(2, d.service());
            ps.setString(3, d.environment());
            ps.setString(4, d.version());
            bindMutable(ps, 5, d);
            ps.setString(12, d.format());
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, DeployRecord d) throws SQLException {
        String sql = "UPDATE deploys SET commit_sha = ?, previous_commit = ?, repository = ?, status = ?, started_at = ?, "
                + "finished_at = ?, updated_at = ? WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindMutable(ps, 1, d);
            ps.setString(8, d.id());
            ps.executeUpdate();
        }
    }

    private static void bindMutable(PreparedStatement ps, int first, DeployRecord d) throws SQLException {
        ps.setString(first, d.commit());
        ps.setString(first + 1, d.previousCommit());
        ps.setString(first + 2, d.repository());
        ps.setString(first + 3, d.status().wireName());
        Sql.setInstant(ps, first + 4, d.startedAt());
        Sql.setInstant(ps, first + 5, d.finishedAt());
        Sql.setInstant(ps, first + 6, d.updatedAt());
    }

    private static void insertEvent(Connection c, String deployId, DeployEvent e, Instant receivedAt) throws SQLException {
        String sql = "INSERT INTO deploy_events (deploy_id, event_id, status, event_time, received_at, source_format) "
                + "VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, deployId);
            ps.setString(2, e.eventId());
            ps.setString(3, e.status().wireName());
            Sql.setInstant(ps, 4, e.time());
            Sql.setInstant(ps, 5, receivedAt);
            ps.setString(6, e.format());
            ps.executeUpdate();
        }
    }

    private static DeployStatus status(String stored) {
        return DeployStatus.fromWire(stored).orElseThrow(
                () -> new StoreException("unknown deploy status '" + stored + "'", null));
    }

    private static DeployRecord read(ResultSet rs) throws SQLException {
        return new DeployRecord(rs.getString("id"), rs.getString("service"), rs.getString("environment"),
                rs.getString("version"), rs.getString("commit_sha"), rs.getString("previous_commit"),
                DeployLifecycle.redacted(rs.getString("repository")), status(rs.getString("status")), Sql.getInstant(rs, "started_at"),
                Sql.getInstant(rs, "finished_at"), Sql.getInstant(rs, "updated_at"), rs.getString("source_format"));
    }
}
