package dev.vigil.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One issuer's signing keys, cached for {@code refresh}. A key id not in the cache makes one more fetch (the
 * issuer rotated its keys), but never sooner than {@code minRefetch} after the previous attempt: tokens naming
 * made-up keys cannot make Vigil hammer the issuer, and while it is down requests fail at once instead of each
 * waiting for a timeout. When a refresh fails, the keys already known are kept.
 */
final class IssuerKeys {

    private static final Logger LOG = Logger.getLogger(IssuerKeys.class);

    private final OidcIssuer issuer;
    private final JwksClient client;
    private final Clock clock;
    private final Duration refresh;
    private final Duration minRefetch;
    private URI jwksUri;
    private JWKSet keys;
    private Instant fetchedAt;
    private Instant lastAttempt;
    private String lastFailure;

    IssuerKeys(OidcIssuer issuer, JwksClient client, Clock clock, Duration refresh, Duration minRefetch) {
        this.issuer = issuer;
        this.client = client;
        this.clock = clock;
        this.refresh = refresh;
        this.minRefetch = minRefetch;
        this.jwksUri = issuer.jwksUri().orElse(null);
    }

    /** The key named {@code kid}, or empty when the issuer has none of that name. */
    synchronized Optional<JWK> find(String kid) throws JwksClient.Unavailable {
        Instant now = clock.instant();
        if (keys == null || !now.isBefore(fetchedAt.plus(refresh))) {
            refreshOrKeep(now);
        }
        JWK key = keys.getKeyByKeyId(kid);
        if (key == null && mayFetch(now)) {
            fetch(now);
            key = keys.getKeyByKeyId(kid);
        }
        return Optional.ofNullable(key);
    }

    private void refreshOrKeep(Instant now) throws JwksClient.Unavailable {
        if (!mayFetch(now)) {
            if (keys == null) {
                throw new JwksClient.Unavailable(lastFailure + " (tried " + Duration.between(lastAttempt, now).toSeconds()
                        + " s ago)");
            }
            return;
        }
        try {
            fetch(now);
        } catch (JwksClient.Unavailable e) {
            if (keys == null) {
                throw e;
            }
            LOG.warnf("OIDC issuer '%s': keeping the keys fetched at %s: %s", issuer.name(), fetchedAt, e.getMessage());
        }
    }

    private boolean mayFetch(Instant now) {
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(minRefetch));
    }

    private void fetch(Instant now) throws JwksClient.Unavailable {
        lastAttempt = now;
        try {
            if (jwksUri == null) {
                jwksUri = client.discover(issuer);
            }
            keys = client.keys(jwksUri);
            fetchedAt = now;
            lastFailure = null;
            LOG.infof("OIDC issuer '%s': fetched %d key(s) from %s", issuer.name(), keys.getKeys().size(), jwksUri);
        } catch (JwksClient.Unavailable e) {
            lastFailure = e.getMessage();
            throw e;
        }
    }
}
