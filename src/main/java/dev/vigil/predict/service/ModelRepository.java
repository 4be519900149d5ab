package dev.vigil.predict.service;

import dev.vigil.store.Sql;
import dev.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Trained per-service models, every version kept; the newest of a service is the one in use. */
public final class ModelRepository {

    private static final String COLUMNS = "version, service, kind, trained_at, training_rows, summary, artefact";

    private final DataSource dataSource;

    public ModelRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new version; storing a version that exists already is a no-op (same labels, same model). */
    public void save(ModelRecord m) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM prediction_models WHERE version = ?")) {
                check.setString(1, m.version());
                try (ResultSet rs = check.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO prediction_models (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, m.version());
                ps.setString(2, m.service());
                ps.setString(3, m.kind());
                Sql.setInstant(ps, 4, m.trainedAt());
                ps.setInt(5, m.trainingRows());
                ps.setString(6, m.summary());
                ps.setString(7, m.artefact());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("could not store model " + m.version(), e);
        }
    }

    /** The model in use for a service: its newest version. */
    public Optional<ModelRecord> latest(String service) {
        List<ModelRecord> found = query("SELECT " + COLUMNS + " FROM prediction_models WHERE service = ? "
                + "ORDER BY trained_at DESC, version DESC LIMIT 1", service);
        return found.stream().findFirst();
    }

    /** Every version of a service's model, newest first. */
    public List<ModelRecord> versions(String service) {
        return query("SELECT " + COLUMNS + " FROM prediction_models WHERE service = ? "
                + "ORDER BY trained_at DESC, version DESC", service);
    }

    private List<ModelRecord> query(String sql, String service) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, service);
            List<ModelRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ModelRecord(rs.getString("version"), rs.getString("service"), rs.getString("kind"),
                            Sql.getInstant(rs, "trained_at"), rs.getInt("training_rows"), rs.getString("summary"),
                            rs.getString("artefact")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("could not read models of " + service, e);
        }
    }
}
