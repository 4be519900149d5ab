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
                ps.setString(3, who.tokenId());
                ps.setString(4, who.tokenName());
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

    /** Newest first. */
    public Page<AuditEvent> find(PageRequest page) {
        try (Connection c = dataSource.getConnection()) {
            return Sql.page(c, COLUMNS, "audit_events", new Sql.Where(), "occurred_at DESC, id", page, AuditLog::read);
        } catch (SQLException e) {
            throw new StoreException("could not list the audit", e);
        }
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
