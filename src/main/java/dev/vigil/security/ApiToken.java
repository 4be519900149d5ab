package dev.vigil.security;

import java.time.Instant;
import java.util.Set;

/**
 * A bearer token as stored: never the secret itself, only its SHA-256.
 *
 * @param id        the first 12 hex digits of the token's SHA-256: a handle to look it up and to revoke it by
 * @param hash      the full SHA-256 of the token, hex
 * @param expiresAt when the token stops working; null for never (the operator's configured admin token)
 * @param scope     the services and environments it may act on
 */
public record ApiToken(String id, String name, Set<Role> roles, String hash, Instant createdAt, Instant revokedAt,
        Instant expiresAt, ServiceScope scope) {

    public ApiToken {
        roles = Set.copyOf(roles);
        scope = scope == null ? ServiceScope.ALL : scope;
    }

    public boolean active() {
        return revokedAt == null;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
