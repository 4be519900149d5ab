package dev.vigil.gate.service;

import dev.vigil.store.Sql;
import dev.vigil.store.StoreException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The decision page's signing key when none is configured: generated once (256 random bits) by the first replica
 * that needs it and stored, so every replica signs and checks links alike. Two replicas racing both try to insert
 * under the same name; the loser reads the winner's key.
 */
public final class PageKeyRepository {

    static final String NAME = "decision-page";

    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();

    public PageKeyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The shared key, created on first call. */
    public byte[] sharedKey(Instant now) {
        Optional<byte[]> stored = read();
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO gate_page_keys (name, secret, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, NAME);
            ps.setString(2, Base64.getEncoder().encodeToString(fresh));
            Sql.setInstant(ps, 3, now);
            ps.executeUpdate();
            return fresh;
        } catch (SQLException e) {
            // another replica stored one first: use it
            return read().orElseThrow(() -> new StoreException("could not store the decision page key", e));
        }
    }

    private Optional<byte[]> read() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT secret FROM gate_page_keys WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Base64.getDecoder().decode(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the decision page key", e);
        }
    }
}
