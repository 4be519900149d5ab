package dev.vigil.security;

import dev.vigil.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Stored tokens (hashes only). */
public final class TokenRepository {

    private static final String COLUMNS = "id, name, roles, token_hash, created_at, revoked_at, expires_at, service_scope, environment_scope";

    private final DataSource dataSource;

    public TokenRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(ApiToken token) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, token.id());
            ps.setString(2, token.name());
            ps.setString(3, token.roles().stream().map(Role::wireName).sorted().collect(Collectors.joining(",")));
            ps.setString(4, token.hash());
            ps.setObject(5, token.createdAt().atOffset(ZoneOffset.UTC));
            ps.setObject(6, utc(token.revokedAt()));
            ps.setObject(7, utc(token.expiresAt()));
            ps.setString(8, joined(token.scope().services()));
            ps.setString(9, joined(token.scope().environments()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not store token " + token.id(), e);
        }
    }

    public Optional<ApiToken> findById(String id) {
        List<ApiToken> found = query("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?", id);
        return found.stream().findFirst();
    }

    public List<ApiToken> findAll() {
        return query("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at, id", null);
    }

    public boolean anyActiveWithRole(Role role) {
        return findAll().stream().anyMatch(t -> t.active() && t.roles().contains(role));
    }

    public boolean revoke(String id, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            ps.setObject(1, at.atOffset(ZoneOffset.UTC));
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("could not revoke token " + id, e);
        }
    }

    private List<ApiToken> query(String sql, String param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            List<ApiToken> tokens = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tokens.add(read(rs));
                }
            }
            return tokens;
        } catch (SQLException e) {
            throw new StoreException("could not read tokens", e);
        }
    }

    private static ApiToken read(ResultSet rs) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(rs.getString("roles").split(",")).map(Role::fromWire).flatMap(Optional::stream).forEach(roles::add);
        return new ApiToken(rs.getString("id"), rs.getString("name"), roles, rs.getString("token_hash").trim(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), instant(rs, "revoked_at"),
                instant(rs, "expires_at"), new ServiceScope(split(rs.getString("service_scope")),
                        split(rs.getString("environment_scope"))));
    }

    private static String joined(List<String> patterns) {
        return patterns.isEmpty() ? null : String.join(",", patterns);
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(","));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
