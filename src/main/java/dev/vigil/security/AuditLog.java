package dev.vigil.security;

import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import dev.vigil.store.Sql;
import dev.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The audit of every use that changes something: {@code token.create}, {@code token.revoke},
 * {@code anomaly.feedback}, {@code gate.evaluate}, {@code gate.flagger}, {@code gate.override}, {@code deploy.ingest},
 * {@code prediction.request}. Written before the answer, so an answered change is always recorded.
 */
public final class AuditLog {

    /** What one audited change is about. */
    public record Entry(String action, String service, String environment, String detail) {
    }

    private static final String COLUMNS = "id, occurred_at, token_id, token_name, action, service, environment, detail";
    private static final int MAX_TEXT = 1024;

    private final DataSource dataSource;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void record(Caller who, String action, String service, String environment, String detail) {
        recordAll(who, List.of(new Entry(action, service, environment, detail)));
    }

    /** Several changes of one request (a batch of deploy events), in one transaction. */
    public void recordAll(Caller who, List<Entry> entries) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO audit_events (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (Entry e : entries) {
                ps.setString(1, UUID.randomUUID().toString());
                Sql.setInstant(ps, 2, clock.instant());
                ps.setString(3, cut(who.tokenId(), 64));
                ps.setString(4, cut(who.tokenName(), 256));
                ps.setString(5, e.action());
                ps.setString(6, cut(e.service(), 256));
                ps.setString(7, cut(e.environment(), 256));
                ps.setString(8, cut(e.detail(), MAX_TEXT));
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("could not record the audit of " + entries.size() + " change(s)", e);
        }
    }

    /**
     * Newest first, filtered.
     *
     * @param actor  a token's or pipeline's name ({@code oidc:github:acme/*}: {@code *} for any run of characters)
     * @param action e.g. {@code gate.evaluate}
     * @param from   inclusive; null for no bound
     * @param to     exclusive; null for no bound
     */
    public record Query(String actor, String action, Instant from, Instant to) {
    }

    public Page<AuditEvent> find(Query query, PageRequest page) {
        Sql.Where where = new Sql.Where()
                .add(query.actor() != null && query.actor().contains("*") ? "token_name LIKE ? ESCAPE '\\'"
                        : "token_name = ?", query.actor() == null ? null : like(query.actor()))
                .eq("action", query.action())
                .add("occurred_at >= ?", query.from())
                .add("occurred_at < ?", query.to());
        try (Connection c = dataSource.getConnection()) {
            return Sql.page(c, COLUMNS, "audit_events", where, "occurred_at DESC, id", page, AuditLog::read);
        } catch (SQLException e) {
            throw new StoreException("could not list the audit", e);
        }
    }

    /** Deletes the entries older than {@code before} (retention); returns how many. */
    public int prune(Instant before) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM audit_events WHERE occurred_at < ?")) {
            Sql.setInstant(ps, 1, before);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not prune the audit", e);
        }
    }

    /** A name pattern for LIKE when it has {@code *}, the name itself otherwise. */
    private static String like(String actor) {
        if (!actor.contains("*")) {
            return actor;
        }
        return actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('*', '%');
    }

    private static AuditEvent read(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getString("id"), Sql.getInstant(rs, "occurred_at"), rs.getString("token_id"),
                rs.getString("token_name"), rs.getString("action"), rs.getString("service"), rs.getString("environment"),
                rs.getString("detail"));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
