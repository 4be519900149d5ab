package dev.vigil.gate.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
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

    RecentSamples recentSamples();

    /** The in-memory buffer of recent samples that SLO and canary checks read (per replica). */
    interface RecentSamples {
        /** Points kept per series (the newest ones). */
        @WithName("max-points")
        @WithDefault("720")
        int maxPoints();

        /** Points older than this before a series' newest point are not read. */
        @WithName("max-age")
        @WithDefault("2h")
        Duration maxAge();

        /** Series kept; samples of further series are not buffered (and counted as dropped). */
        @WithName("max-series")
        @WithDefault("50000")
        int maxSeries();
    }
}
