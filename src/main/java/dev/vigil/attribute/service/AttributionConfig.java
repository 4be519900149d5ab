package dev.vigil.attribute.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Deploy -> anomaly attribution ({@code vigil.attribution.*}); documented in README and docs/prediction.md. */
@ConfigMapping(prefix = "vigil.attribution")
public interface AttributionConfig {

    /** Attribute anomalies to deploys (when off, nothing is attributed and no deploy is labelled by an anomaly). */
    @WithDefault("true")
    boolean enabled();

    /** How long after a deploy's start an anomaly opening on the service may be blamed on it. */
    @WithDefault("30m")
    Duration window();

    /**
     * Confidence from which an attributed anomaly labels its deploy as failed for retraining. The default 0.5 means
     * "the deploy is the more likely explanation"; a lone, finished deploy reaches it when a warning anomaly opens
     * within 22.5 minutes of its start (default window).
     */
    @WithName("min-confidence")
    @WithDefault("0.5")
    double minConfidence();
}
