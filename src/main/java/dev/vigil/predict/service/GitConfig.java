package dev.vigil.predict.service;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where deploys' commits are read from ({@code vigil.git.*}, docs/prediction.md, "Repositories"). */
@ConfigMapping(prefix = "vigil.git")
public interface GitConfig {

    /** Directory for mirrors of remote repositories and cached commit features; default {@code <data-dir>/git}. */
    @WithName("cache-dir")
    Optional<String> cacheDir();

    /** User name for HTTPS remotes; sent only to hosts listed in {@code allowed-hosts}. */
    Optional<String> username();

    /** Password or access token for HTTPS remotes (never logged); sent only to hosts in {@code allowed-hosts}. */
    Optional<String> password();

    /** Clone and fetch remote repositories named by deploy events. Only {@code https://} URLs are ever cloned. */
    @WithName("allow-remote")
    @WithDefault("true")
    boolean allowRemote();

    /**
     * Hosts remote repositories may be cloned from (exact names, case-insensitive). Empty: any HTTPS host, but
     * then credentials are never sent (a deploy event must not be able to send them to a host of its choosing).
     */
    @WithName("allowed-hosts")
    Optional<List<String>> allowedHosts();

    /**
     * Open repositories by local path. Off by default: a deploy event (any ingest token) names the path, so only
     * switch it on for a single-user setup or together with {@code local-roots}.
     */
    @WithName("allow-local")
    @WithDefault("false")
    boolean allowLocal();

    /**
     * Directories local repositories must be inside, compared by real path (symbolic links and {@code .git} files
     * resolved); empty: any path (set it in shared deployments).
     */
    @WithName("local-roots")
    Optional<List<String>> localRoots();

    /** Connect and read timeout of every HTTP exchange with a remote repository. */
    @WithDefault("30s")
    Duration timeout();

    /** Bytes one clone or fetch may receive. */
    @WithName("max-transfer-size")
    @WithDefault("1G")
    MemorySize maxTransferSize();

    /** Time one clone or fetch may take in all. */
    @WithName("max-transfer-time")
    @WithDefault("10m")
    Duration maxTransferTime();

    /** After a remote failed, its deploys are refused at once for this long instead of each waiting out the timeout. */
    @WithName("failure-backoff")
    @WithDefault("1m")
    Duration failureBackoff();

    /** Repositories kept open with their history index; the least recently used is closed beyond this. */
    @WithName("max-open-repositories")
    @WithDefault("16")
    int maxOpenRepositories();

    /** Commit features kept in memory (about 3 KB each); all are also kept on disk under the cache dir. */
    @WithName("feature-cache-entries")
    @WithDefault("20000")
    int featureCacheEntries();
}
