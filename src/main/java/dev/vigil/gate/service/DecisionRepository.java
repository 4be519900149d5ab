package dev.vigil.gate.service;

import dev.vigil.gate.GateOverride;
import dev.vigil.gate.Verdict;
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
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Gate decisions, the gate's audit trail. A request id is unique: {@link #insert} answers with the row already
 * stored under it instead of a second one, so concurrent retries of one request share one evaluation.
 */
public final class DecisionRepository {

    private static final String COLUMNS = "id, request_id, service, environment, version, commit_sha, status, verdict, "
            + "score, reason, policy_name, policy_version, checks_json, inputs_json, url, created_at, decided_at, dry_run_verdict, "
            + "dry_run_score, dry_run_reason, requested_by, risk_json, override_verdict, override_reason, overridden_by, "
            + "overridden_at";
    /** New rows carry no override: {@link #override} adds it. */
    private static final String INSERT = "INSERT INTO gate_decisions (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL)";

    private final DataSource dataSource;

    public DecisionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a new decision. If its request id is already taken, nothing is written and the stored row is returned.
     *
     * @return the row now stored under the decision's request id (or the new row)
     */
    public DecisionRecord insert(DecisionRecord d) {
        if (d.requestId() != null) {
            Optional<DecisionRecord> existing = findByRequestId(d.requestId());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            bindInsert(ps, d);
            ps.executeUpdate();
            return d;
        } catch (SQLException e) {
            if (d.requestId() != null) {
                Optional<DecisionRecord> raced = findByRequestId(d.requestId());
                if (raced.isPresent()) {
                    return raced.get();
                }
            }
            throw new StoreException("could not store decision " + d.id(), e);
        }
    }

    /**
     * Stores new decisions in one transaction (one commit for all): all or none. Meant for decisions without a
     * request id; a clash of any row (a duplicate id or request id) fails the whole batch, and the caller may then
     * store the rows one by one with {@link #insert}.
     */
    public void insertAll(List<DecisionRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (DecisionRecord d : rows) {
                    bindInsert(ps, d);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("could not store " + rows.size() + " decisions", e);
        }
    }

    private static void bindInsert(PreparedStatement ps, DecisionRecord d) throws SQLException {
        ps.setString(1, d.id());
        ps.setString(2, d.requestId());
        ps.setString(3, d.service());
        ps.setString(4, d.environment());
        ps.setString(5, d.version());
        ps.setString(6, d.commit());
        bindOutcome(ps, 7, d);
        ps.setString(15, d.url());
        Sql.setInstant(ps, 16, d.createdAt());
        Sql.setInstant(ps, 17, d.decidedAt());
        bindDryRun(ps, 18, d);
        ps.setString(21, d.requestedBy());
        ps.setString(22, d.riskJson());
    }

    private static void bindDryRun(PreparedStatement ps, int first, DecisionRecord d) throws SQLException {
        ps.setString(first, d.dryRunVerdict());
        setDouble(ps, first + 1, d.dryRunScore());
        ps.setString(first + 2, d.dryRunReason());
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    /**
     * Finishes a PENDING decision (or updates the checks of one still PENDING).
     *
     * @return false when the row is no longer PENDING (another replica finished it)
     */
    public boolean updatePending(DecisionRecord d) {
        String sql = "UPDATE gate_decisions SET status = ?, verdict = ?, score = ?, reason = ?, policy_name = ?, "
                + "policy_version = ?, checks_json = ?, inputs_json = ?, decided_at = ?, dry_run_verdict = ?, "
                + "dry_run_score = ?, dry_run_reason = ?, risk_json = ? WHERE id = ? AND status = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bindOutcome(ps, 1, d);
            Sql.setInstant(ps, 9, d.decidedAt());
            bindDryRun(ps, 10, d);
            ps.setString(13, d.riskJson());
            ps.setString(14, d.id());
            ps.setString(15, DecisionRecord.PENDING);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("could not update decision " + d.id(), e);
        }
    }

    private static void bindOutcome(PreparedStatement ps, int first, DecisionRecord d) throws SQLException {
        ps.setString(first, d.status());
        ps.setString(first + 1, d.verdict());
        setDouble(ps, first + 2, d.score());
        ps.setString(first + 3, d.reason());
        ps.setString(first + 4, d.policyName());
        ps.setString(first + 5, d.policyVersion());
        ps.setString(first + 6, d.checksJson());
        ps.setString(first + 7, d.inputsJson());
    }

    /**
     * Records an override of a decision, once: only a DONE decision whose verdict is the override's {@code judged}
     * (FAIL or INCONCLUSIVE) and that has none yet is changed.
     *
     * @return false when the row is not there, not DONE, of another verdict or already overridden
     */
    public boolean override(String id, GateOverride o) {
        String sql = "UPDATE gate_decisions SET override_verdict = ?, override_reason = ?, overridden_by = ?, "
                + "overridden_at = ? WHERE id = ? AND status = ? AND verdict = ? AND override_verdict IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, o.verdict().name());
            ps.setString(2, o.reason());
            ps.setString(3, o.by());
            Sql.setInstant(ps, 4, o.at());
            ps.setString(5, id);
            ps.setString(6, DecisionRecord.DONE);
            ps.setString(7, o.judged().name());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("could not override decision " + id, e);
        }
    }

    /** The latest overridden decision of this release (service, environment, version, commit), if any. */
    public Optional<DecisionRecord> findOverridden(String service, String environment, String version, String commit) {
        String sql = "SELECT " + COLUMNS + " FROM gate_decisions WHERE service = ? AND environment = ? AND version = ? "
                + "AND commit_sha = ? AND override_verdict IS NOT NULL ORDER BY overridden_at DESC, id LIMIT 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, service);
            ps.setString(2, environment);
            ps.setString(3, version);
            ps.setString(4, commit);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not look for an override of " + service + " " + version, e);
        }
    }

    public Optional<DecisionRecord> findById(String id) {
        return findOne("id", id);
    }

    public Optional<DecisionRecord> findByRequestId(String requestId) {
        return findOne("request_id", requestId);
    }

    private Optional<DecisionRecord> findOne(String column, String value) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM gate_decisions WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read decision " + value, e);
        }
    }

    /** Decisions matching the filters, newest first. */
    public Page<DecisionRecord> find(DecisionQuery query, PageRequest page) {
        Sql.Where where = new Sql.Where()
                .eq("service", query.service())
                .eq("environment", query.environment())
                .eq("verdict", query.verdict())
                .eq("status", query.status())
                .add("created_at >= ?", query.from())
                .add("created_at < ?", query.to());
        try (Connection c = dataSource.getConnection()) {
            return Sql.page(c, COLUMNS, "gate_decisions", where, "created_at DESC, id", page, DecisionRepository::read);
        } catch (SQLException e) {
            throw new StoreException("could not list decisions", e);
        }
    }

    /**
     * The decided evaluations of one release (service, environment and version: what a deploy is), newest first, at
     * most {@code limit}; read by the GraphQL view of a deploy.
     */
    public List<DecisionRecord> decidedForRelease(String service, String environment, String version, int limit) {
        Sql.Where where = new Sql.Where().eq("service", service).eq("environment", environment)
                .eq("version", version).eq("status", DecisionRecord.DONE);
        try (Connection c = dataSource.getConnection()) {
            return Sql.items(c, COLUMNS, "gate_decisions", where, "created_at DESC, id", new PageRequest(limit, 0),
                    DecisionRepository::read);
        } catch (SQLException e) {
            throw new StoreException("could not list the decisions of " + service + " " + version, e);
        }
    }

    /** PENDING decisions, oldest first, at most {@code limit}. */
    public List<DecisionRecord> pending(int limit) {
        String sql = "SELECT " + COLUMNS + " FROM gate_decisions WHERE status = ? ORDER BY created_at, id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, DecisionRecord.PENDING);
            ps.setInt(2, limit);
            List<DecisionRecord> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(read(rs));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new StoreException("could not list pending decisions", e);
        }
    }

    private static DecisionRecord read(ResultSet rs) throws SQLException {
        return new DecisionRecord(rs.getString("id"), rs.getString("request_id"), rs.getString("service"),
                rs.getString("environment"), rs.getString("version"), rs.getString("commit_sha"), rs.getString("status"),
                rs.getString("verdict"), getDouble(rs, "score"), rs.getString("reason"), rs.getString("policy_name"),
                rs.getString("policy_version"), rs.getString("checks_json"), rs.getString("inputs_json"),
                rs.getString("url"), Sql.getInstant(rs, "created_at"), Sql.getInstant(rs, "decided_at"),
                rs.getString("dry_run_verdict"), getDouble(rs, "dry_run_score"), rs.getString("dry_run_reason"),
                rs.getString("requested_by"), rs.getString("risk_json"), override(rs));
    }

    private static GateOverride override(ResultSet rs) throws SQLException {
        String verdict = rs.getString("override_verdict");
        return verdict == null ? null : new GateOverride(Verdict.valueOf(verdict), Verdict.valueOf(rs.getString("verdict")),
                rs.getString("override_reason"), rs.getString("overridden_by"), Sql.getInstant(rs, "overridden_at"));
    }

    private static Double getDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
