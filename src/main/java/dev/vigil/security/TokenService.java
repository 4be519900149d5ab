package dev.vigil.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues, verifies and revokes bearer tokens. Verified tokens are remembered for a short time so that a
 * request does not cost a database round trip; a revocation made here takes effect at once, one made on
 * another replica within that time.
 */
public final class TokenService {

    /** A freshly issued token: the only moment its secret exists outside the caller. */
    public record Issued(String secret, ApiToken token) {
    }

    private record Cached(ApiToken token, Instant until) {
    }

    private final TokenRepository repository;
    private final TokenHasher hasher;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Map<String, Cached> verified = new ConcurrentHashMap<>();

    public TokenService(TokenRepository repository, TokenHasher hasher, Clock clock, Duration cacheTtl) {
        this.repository = repository;
        this.hasher = hasher;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
    }

    public Issued issue(String name, Set<Role> roles) {
        String secret = hasher.newToken();
        return new Issued(secret, store(secret, name, roles));
    }

    /** Makes sure a token chosen by the operator (e.g. from a Kubernetes Secret) exists. */
    public ApiToken ensure(String secret, String name, Set<Role> roles) {
        if (secret.length() < TokenHasher.MIN_LENGTH) {
            throw new IllegalArgumentException("a configured token must be at least " + TokenHasher.MIN_LENGTH + " characters");
        }
        String hash = hasher.hash(secret);
        return repository.findById(hasher.idOf(hash))
                .filter(t -> hasher.matches(hash, t.hash()))
                .orElseGet(() -> store(secret, name, roles));
    }

    /**
     * Makes sure the operator's token exists and is the only active one of its name: when the configured secret is
     * rotated, the token of the previous secret is revoked (it would otherwise stay valid for ever).
     *
     * @return the tokens revoked
     */
    public List<ApiToken> ensureOnly(String secret, String name, Set<Role> roles) {
        ApiToken current = ensure(secret, name, roles);
        List<ApiToken> replaced = repository.findAll().stream()
                .filter(t -> t.active() && t.name().equals(name) && !t.id().equals(current.id()))
                .toList();
        replaced.forEach(t -> revoke(t.id()));
        return replaced;
    }

    /** True before the first token was ever stored (revoked tokens count: the table is not empty then). */
    public boolean noneIssued() {
        return repository.findAll().isEmpty();
    }

    public Optional<ApiToken> authenticate(String secret) {
        String hash = hasher.hash(secret);
        Instant now = clock.instant();
        Cached cached = verified.get(hash);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.token());
        }
        Optional<ApiToken> found = repository.findById(hasher.idOf(hash))
                .filter(t -> hasher.matches(hash, t.hash()))
                .filter(ApiToken::active);
        found.ifPresentOrElse(t -> verified.put(hash, new Cached(t, now.plus(cacheTtl))), () -> verified.remove(hash));
        return found;
    }

    public boolean revoke(String id) {
        verified.values().removeIf(c -> c.token().id().equals(id));
        return repository.revoke(id, clock.instant());
    }

    public List<ApiToken> list() {
        return repository.findAll();
    }

    public boolean hasActiveAdmin() {
        return repository.anyActiveWithRole(Role.ADMIN);
    }

    /** The roles a token acts with: admin implies all others. */
    public static Set<Role> effectiveRoles(ApiToken token) {
        return token.roles().contains(Role.ADMIN) ? EnumSet.allOf(Role.class) : token.roles();
    }

    private ApiToken store(String secret, String name, Set<Role> roles) {
        String hash = hasher.hash(secret);
        ApiToken token = new ApiToken(hasher.idOf(hash), name, roles, hash, clock.instant(), null);
        repository.insert(token);
        return token;
    }
}
