package dev.vigil.security.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Bearer tokens ({@code vigil.security.*}, documented in README.md, "Configuration"). */
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
}
