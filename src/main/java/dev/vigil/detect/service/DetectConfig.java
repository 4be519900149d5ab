package dev.vigil.detect.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Settings of the detection service ({@code vigil.detect.*}). Every key is documented in docs/detection-service.md. */
@ConfigMapping(prefix = "vigil.detect")
public interface DetectConfig {

    /**
     * Directory of detector definitions ({@code *.yaml}). When it does not exist, the definitions shipped inside
     * the application are used, so a fresh clone and the packaged jar both work without configuration.
     */
    @WithName("definitions-dir")
    @WithDefault("./detectors")
    String definitionsDir();

    /** How often the definitions directory is checked for changes (file names, sizes and modification times). */
    @WithName("reload-interval")
    @WithDefault("10s")
    Duration reloadInterval();

    /**
     * Most series held in memory. Beyond it the least recently seen are checkpointed and dropped; they resume
     * from their checkpoint when seen again. The bound is enforced once per {@code flush-interval}.
     */
    @WithName("max-series")
    @WithDefault("100000")
    int maxSeries();

    /** Consecutive normal points (inside the band, below the threshold) after which an open anomaly closes. */
    @WithName("close-after-points")
    @WithDefault("5")
    int closeAfterPoints();

    /** How often anomaly changes are written to the database and published to Kafka. */
    @WithName("flush-interval")
    @WithDefault("1s")
    Duration flushInterval();

    /** How often the state of every detector that changed is written to the database (and at shutdown). */
    @WithName("checkpoint-interval")
    @WithDefault("30s")
    Duration checkpointInterval();

    /** Anomaly changes waiting to be written; beyond it changes are dropped and counted. */
    @WithName("max-pending-events")
    @WithDefault("100000")
    int maxPendingEvents();

    /** Kafka topic anomaly events are published to. */
    @WithName("anomalies-topic")
    @WithDefault("vigil.anomalies")
    String anomaliesTopic();

    Metrics metrics();

    interface Metrics {
        /**
         * Most series exported with per-series gauges at /q/metrics (open anomalies first, then highest score,
         * then most recently seen). 0 exports none.
         */
        @WithName("max-series")
        @WithDefault("1000")
        int maxSeries();

        /** How often the exported set of series is chosen again and the gauges refreshed. */
        @WithName("refresh-interval")
        @WithDefault("5s")
        Duration refreshInterval();
    }
}
