package dev.vigil.ingest.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;

/** Ingest limits and formats ({@code vigil.ingest.*}, documented in README.md, "Configuration"). */
@ConfigMapping(prefix = "vigil.ingest")
public interface IngestConfig {

    /** Largest accepted single record or batch item, in bytes; larger ones are rejected with reason payload_too_large. */
    @WithName("max-record-bytes")
    @WithDefault("65536")
    int maxRecordBytes();

    /** Largest number of items in one HTTP ingest batch. */
    @WithName("max-batch-items")
    @WithDefault("10000")
    int maxBatchItems();

    /** Labels tried, in order, to find the service of a Prometheus sample that has no explicit service. */
    @WithName("service-labels")
    @WithDefault("service,job,app")
    List<String> serviceLabels();

    /**
     * Largest body OTLP and remote_write requests may uncompress to (snappy, gzip), in bytes; checked before the
     * body is decoded. The compressed body is bounded by {@code quarkus.http.limits.max-body-size}.
     */
    @WithName("max-decoded-bytes")
    @WithDefault("33554432")
    int maxDecodedBytes();

    /**
     * OTLP resource attributes that become labels of every point of the resource (besides {@code service.name},
     * which is the service). Attributes of the data points always become labels.
     */
    @WithName("otlp-resource-attributes")
    @WithDefault("service.namespace,deployment.environment,deployment.environment.name")
    List<String> otlpResourceAttributes();

    /**
     * How often the in-memory series registry is written to the database. Each flush updates one row per series
     * seen since the last: at 10,000 series a 1 s interval cost H2 about a third of a core (bench/detect/e2e.sh).
     */
    @WithName("series-flush-interval")
    @WithDefault("10s")
    Duration seriesFlushInterval();

    /**
     * How far ahead of the server's clock a sample's or deploy event's time may be. One sample far in the future
     * would make every later sample of its series look older and be ignored.
     */
    @WithName("max-future-skew")
    @WithDefault("1h")
    Duration maxFutureSkew();

    /** How far behind the server's clock a sample's or deploy event's time may be. */
    @WithName("max-age")
    @WithDefault("30d")
    Duration maxAge();
}
