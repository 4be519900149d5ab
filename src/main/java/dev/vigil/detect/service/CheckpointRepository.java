package dev.vigil.detect.service;

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
import javax.sql.DataSource;

/**
 * Detector state per series. The last writer wins: a series is scored by one replica at a time (its Kafka
 * partition's owner), and a newer checkpoint never loses to an older one ({@code last_point} is compared).
 */
public final class CheckpointRepository {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String UPDATE = "UPDATE detector_checkpoints SET canonical = ?, definition = ?, fingerprint = ?, "
            + "state = ?, last_point = ?, updated_at = ? WHERE series_id = ? AND last_point <= ?";
    private static final String EXISTS = "SELECT 1 FROM detector_checkpoints WHERE series_id = ?";
    private static final String INSERT = "INSERT INTO detector_checkpoints (series_id, canonical, definition, fingerprint, "
            + "state, last_point, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public CheckpointRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void save(List<DetectorCheckpoint> checkpoints, Instant now) {
        if (checkpoints.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                write(c, checkpoints, now);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                update(c, checkpoints, now); // another replica inserted first
                c.commit();
            }
        } catch (SQLException e) {
            throw new StoreException("could not write " + checkpoints.size() + " detector checkpoints", e);
        }
    }

    /**
     * Writes the checkpoints on {@code c}, in the caller's transaction (the series flush stores them with the offsets
     * they reflect). A unique violation means another replica inserted a row first: roll back and write again.
     */
    public static void write(Connection c, List<DetectorCheckpoint> checkpoints, Instant now) throws SQLException {
        insert(c, absent(c, update(c, checkpoints, now)), now);
    }

    private static List<DetectorCheckpoint> update(Connection c, List<DetectorCheckpoint> checkpoints, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (DetectorCheckpoint cp : checkpoints) {
                ps.setString(1, cp.canonical());
                ps.setString(2, cp.definition());
                ps.setString(3, cp.fingerprint());
                ps.setBytes(4, cp.state());
                Sql.setInstant(ps, 5, cp.lastPoint());
                Sql.setInstant(ps, 6, now);
                ps.setString(7, cp.seriesId());
                Sql.setInstant(ps, 8, cp.lastPoint());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            List<DetectorCheckpoint> notUpdated = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    notUpdated.add(checkpoints.get(i));
                }
            }
            return notUpdated;
        }
    }

    /** Of those not updated, the ones with no row at all (the others hold a newer state: leave them). */
    private static List<DetectorCheckpoint> absent(Connection c, List<DetectorCheckpoint> candidates) throws SQLException {
        List<DetectorCheckpoint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(EXISTS)) {
            for (DetectorCheckpoint cp : candidates) {
                ps.setString(1, cp.seriesId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        out.add(cp);
                    }
                }
            }
        }
        return out;
    }

    private static void insert(Connection c, List<DetectorCheckpoint> checkpoints, Instant now) throws SQLException {
        if (checkpoints.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (DetectorCheckpoint cp : checkpoints) {
                ps.setString(1, cp.seriesId());
                ps.setString(2, cp.canonical());
                ps.setString(3, cp.definition());
                ps.setString(4, cp.fingerprint());
                ps.setBytes(5, cp.state());
                Sql.setInstant(ps, 6, cp.lastPoint());
                Sql.setInstant(ps, 7, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<DetectorCheckpoint> find(String seriesId) {
        String sql = "SELECT series_id, canonical, definition, fingerprint, state, last_point FROM detector_checkpoints "
                + "WHERE series_id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, seriesId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DetectorCheckpoint(rs.getString("series_id").trim(), rs.getString("canonical"),
                        rs.getString("definition"), rs.getString("fingerprint"), rs.getBytes("state"),
                        Sql.getInstant(rs, "last_point")));
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the checkpoint of series " + seriesId, e);
        }
    }

    public void delete(String seriesId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM detector_checkpoints WHERE series_id = ?")) {
            ps.setString(1, seriesId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not delete the checkpoint of series " + seriesId, e);
        }
    }
}
