package dev.vigil.gate.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Release gates ({@code vigil.gate.*}, docs/gates.md; the environment label is shared, in VigilConfig). */
@ConfigMapping(prefix = "vigil.gate")
public interface GateConfig {

    /**
     * Directory of the gate policies (*.yaml). If it does not exist, the policies shipped inside the application
     * are used. Any problem in any file stops the start-up.
     */
    @WithName("policies-dir")
    @WithDefault("./policies")
    String policiesDir();

    /** How often the policies directory is checked for changes. */
    @WithName("reload-interval")
    @WithDefault("10s")
    Duration reloadInterval();

    /** Absolute base URL of Vigil for the decision links; default: the base URL of each request. */
    @WithName("public-url")
    Optional<String> publicUrl();

    /** How often PENDING evaluations (waiting for canary data) are evaluated again. */
    @WithName("retry-interval")
    @WithDefault("5s")
    Duration retryInterval();

    Rollups rollups();

    Page page();

    Providers providers();

    /**
     * Vigil's own samples, rolled up per series and interval in the database, for the SLO and canary checks with
     * {@code source: vigil}: every replica reads the same.
     */
    interface Rollups {
        /** Length of one interval; a check's window widens to it. */
        @WithDefault("1m")
        Duration resolution();

        /** How long rollups are kept; relative SLOs need the previous release within it. */
        @WithDefault("24h")
        Duration retention();

        /**
         * No longer used: rollups are stored with every series flush, in the transaction of the consumer offsets they
         * reflect. Still accepted (a configuration that sets it starts), and warned about.
         */
        @Deprecated
        @WithName("flush-interval")
        Optional<Duration> flushInterval();

        /** No longer used, as {@link #flushInterval()}: every flush stores its rollups in one transaction. */
        @Deprecated
        @WithName("batch-size")
        Optional<Integer> batchSize();

        /** How often rollups older than the retention are deleted. */
        @WithName("prune-interval")
        @WithDefault("5m")
        Duration pruneInterval();

        /** Rollups held in memory at most between two series flushes; samples that would open more are dropped (counted). */
        @WithName("max-open")
        @WithDefault("200000")
        int maxOpen();
    }

    /** The decision page ({@code /decisions/{id}}) and its signed links (docs/gates.md, "Decision page"). */
    interface Page {
        /**
         * Key of the HMAC-SHA256 that signs the page links, at least 32 characters; every replica needs the same.
         * Unset: one key is generated at first use and stored in the database, which all replicas share. Never
         * logged.
         */
        @WithName("signing-key")
        Optional<String> signingKey();

        /** How long a page link handed out in a gate answer stays valid. */
        @WithName("link-lifetime")
        @WithDefault("30d")
        Duration linkLifetime();
    }

    /** Metric stores that checks may name: the allow-list, since a policy names a provider and never a URL. */
    interface Providers {
        /** Prometheus servers by name ({@code source: prometheus}, {@code provider: <name>}, default "default"). */
        Map<String, Prometheus> prometheus();
    }

    /** One Prometheus server. Credentials are read from here only, and never logged. */
    interface Prometheus {
        /** Base URL, e.g. http://prometheus:9090 (a path prefix is kept). */
        URI url();

        @WithName("connect-timeout")
        @WithDefault("2s")
        Duration connectTimeout();

        /** For the whole query, answer included. */
        @WithDefault("5s")
        Duration timeout();

        /** Larger answers make the check INCONCLUSIVE. */
        @WithName("max-response-bytes")
        @WithDefault("4194304")
        long maxResponseBytes();

        /** Sent as {@code Authorization: Bearer ...}; wins over basic auth. */
        @WithName("bearer-token")
        Optional<String> bearerToken();

        /** Basic auth user, with {@code password}. */
        Optional<String> username();

        Optional<String> password();
    }
}
