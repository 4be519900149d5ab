package dev.vigil.security.service;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bearer tokens, rate limits and body limits ({@code vigil.security.*}, README.md and docs/security.md). */
@ConfigMapping(prefix = "vigil.security")
public interface SecurityConfig {

    /**
     * An admin token to make sure exists (stored hashed), e.g. from a Kubernetes Secret. Without it, embedded
     * mode generates one on first start and prints it once.
     */
    @WithName("admin-token")
    Optional<String> adminToken();

    /** How long a verified token is trusted before the store is asked again (revocations on other replicas). */
    @WithName("cache-ttl")
    @WithDefault("30s")
    Duration cacheTtl();

    /**
     * The longest an API-issued token may live; tokens issued without {@code expiresIn} get exactly this. The
     * configured admin token and the first admin printed on an empty table never expire.
     */
    @WithName("token-max-lifetime")
    @WithDefault("365d")
    Duration tokenMaxLifetime();

    /** Requests per token and per client address ({@code vigil.security.rate-limit.*}). */
    @WithName("rate-limit")
    RateLimits rateLimit();

    /** Largest request body per kind of endpoint, checked on Content-Length before anything is read. */
    @WithName("body-limit")
    BodyLimits bodyLimit();

    /** The audit of changes ({@code vigil.security.audit.*}). */
    Audit audit();

    interface Audit {
        /** Entries older than this are deleted. */
        @WithDefault("400d")
        Duration retention();

        /** How often the old entries are looked for. */
        @WithName("prune-interval")
        @WithDefault("1h")
        Duration pruneInterval();
    }

    /** CI pipelines authenticated by their OIDC ID tokens ({@code vigil.security.oidc.*}); off without issuers. */
    Oidc oidc();

    /** Trusted OIDC issuers and how their keys are fetched (docs/security.md, "Keyless CI"). */
    interface Oidc {

        /** By a short name ({@code github}, {@code gitlab}) used in identities and the audit. */
        Map<String, Issuer> issuers();

        /** How long fetched keys are used before they are fetched again. */
        @WithName("jwks-refresh")
        @WithDefault("10m")
        Duration jwksRefresh();

        /** The least time between two fetches of one issuer's keys (an unknown key id, a failed fetch). */
        @WithName("jwks-min-refetch")
        @WithDefault("30s")
        Duration jwksMinRefetch();

        @WithName("connect-timeout")
        @WithDefault("2s")
        Duration connectTimeout();

        /** For the whole answer of the issuer (discovery document or key set). */
        @WithName("read-timeout")
        @WithDefault("5s")
        Duration readTimeout();

        /** Tolerated difference between the issuer's clock and Vigil's, for exp, nbf and iat. */
        @WithName("clock-skew")
        @WithDefault("30s")
        Duration clockSkew();

        interface Issuer {
            /** What the tokens' {@code iss} must be, exactly, e.g. {@code https://token.actions.githubusercontent.com}. */
            @WithName("issuer-url")
            URI issuerUrl();

            /** What the tokens' {@code aud} must contain; the pipeline asks its CI for a token with it. */
            String audience();

            /** The key set, when not where the issuer's discovery document says. */
            @WithName("jwks-uri")
            Optional<URI> jwksUri();

            /** The claims naming a pipeline in the audit and the rate limits, joined by {@code @}. */
            @WithName("identity-claims")
            @WithDefault("sub")
            List<String> identityClaims();

            /** By name; tried in name order, the first that matches decides. */
            @WithName("claim-rules")
            Map<String, ClaimRuleConfig> claimRules();
        }

        interface ClaimRuleConfig {
            /** Claim name to pattern ({@code *} for any run of characters); all must match. */
            Map<String, String> claims();

            /** Role names: viewer, ingest, gate, feedback. */
            List<String> roles();

            /** Service patterns; none for any. */
            Optional<List<String>> services();

            /** Environment patterns; none for any. */
            Optional<List<String>> environments();
        }
    }

    /** Rate limits; each kind is counted per token and, separately, per client address. */
    interface RateLimits {

        /** Off: no request is ever refused with 429 (the counters stay at zero). */
        @WithDefault("true")
        boolean enabled();

        /** Failed authentications tolerated per client address before it is blocked. */
        @WithName("auth-failures")
        @WithDefault("20")
        long authFailures();

        /** The period those failures are counted over. */
        @WithName("auth-failures-per")
        @WithDefault("1m")
        Duration authFailuresPer();

        /** How long an address is blocked after too many failures (every request answered 429). */
        @WithName("auth-block")
        @WithDefault("5m")
        Duration authBlock();

        /**
         * Ingest requests (each a batch: JSON, OTLP, remote_write). 100 a second per token and per address: a large
         * Prometheus remote-writes from one address over up to 50 shards, and a 429 makes it back off and fall behind;
         * the body limits bound what each request costs.
         */
        @WithDefault("6000")
        long ingest();

        /**
         * Gate evaluations and Flagger webhooks. 20 a second: one Flagger or Argo controller asks for every canary it
         * runs, from one address with one token.
         */
        @WithDefault("1200")
        long gate();

        /** Backtests, detector validation and predictions on demand (each can cost CPU-seconds or a clone). */
        @WithDefault("10")
        long expensive();

        /** Every other API request. */
        @WithDefault("1200")
        long other();

        /** The period the request limits above are per. */
        @WithDefault("1m")
        Duration per();

        /** Tokens and addresses tracked per limit; the least recently seen are forgotten beyond it. */
        @WithName("max-keys")
        @WithDefault("100000")
        int maxKeys();
    }

    /** Body limits per kind of endpoint; a body without Content-Length on these is refused with 411. */
    interface BodyLimits {

        @WithDefault("4M")
        MemorySize ingest();

        @WithDefault("256K")
        MemorySize gate();

        /** Flagger's webhook carries its token in the body: kept small, since the body is read before the token. */
        @WithDefault("64K")
        MemorySize flagger();

        /** Backtest CSVs. */
        @WithDefault("8M")
        MemorySize backtest();

        /** Detector definitions to validate (YAML). */
        @WithDefault("256K")
        MemorySize yaml();

        /** Every other endpoint that takes a body. */
        @WithDefault("1M")
        MemorySize other();
    }
}
