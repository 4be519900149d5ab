package dev.vigil.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * Vigil's settings shared by the whole application: data directory, Kafka, database (run mode) and the environment
 * label. Each capability maps its own keys ({@code vigil.ingest}: {@code IngestConfig}, {@code vigil.security}:
 * {@code SecurityConfig}, {@code vigil.detect}: {@code DetectConfig}, {@code vigil.gate}: {@code GateConfig},
 * {@code vigil.git} and {@code vigil.predict}: {@code GitConfig}, {@code PredictConfig}, {@code vigil.attribution}:
 * {@code AttributionConfig}). Every key is documented in README.md, "Configuration".
 */
@ConfigMapping(prefix = "vigil")
public interface VigilConfig {

    /** Directory for everything Vigil keeps on local disk in embedded mode (Kafka log, H2 database). */
    @WithName("data-dir")
    @WithDefault("./data")
    String dataDir();

    Kafka kafka();

    Database database();

    /** The part of {@code vigil.gate} that other capabilities read too; the gate's own keys are in GateConfig. */
    SharedGate gate();

    interface Kafka {
        /** Embedded broker settings; used only when no external bootstrap servers are configured. */
        Embedded embedded();

        /** Topic names. */
        Topics topics();

        /** Partitions of the metrics topic when Vigil creates it (series are partitioned by their key). */
        @WithName("metrics-partitions")
        @WithDefault("4")
        int metricsPartitions();

        /**
         * A stable name for this replica (a StatefulSet's pod name) in cluster mode: its consumers become static group
         * members, so a restarted replica takes its partitions back at once. Unset: dynamic membership (a Deployment's
         * pods change names). The embedded broker always uses static membership. See RunModeConfigInterceptor.
         */
        @WithName("instance-id")
        Optional<String> instanceId();

        /** Create Vigil's topics at start-up if they are missing. */
        @WithName("create-topics")
        @WithDefault("true")
        boolean createTopics();

        interface Embedded {
            /** True when Vigil runs its own single-node broker (derived at start-up; see RunModeConfigSourceFactory). */
            @WithDefault("false")
            boolean enabled();

            /** Broker listener port; keep it stable for a data directory. */
            @WithDefault("9092")
            int port();

            /** KRaft controller listener port. */
            @WithName("controller-port")
            @WithDefault("9093")
            int controllerPort();
        }

        interface Topics {
            @WithDefault("vigil.metrics")
            String metrics();

            @WithDefault("vigil.deploys")
            String deploys();

            @WithDefault("vigil.dlq")
            String dlq();

            /** Where every gate decision is published (JSON, keyed by service). */
            @WithDefault("vigil.decisions")
            String decisions();

            /** Where every gate decision is published as a CDEvent (CloudEvents JSON, keyed by service). */
            @WithDefault("vigil.cdevents")
            String cdevents();
        }
    }


    interface Database {
        /** Which database is in use, {@code h2} or {@code postgres} (derived at start-up from postgres-url). */
        @WithDefault("h2")
        String kind();

        /** JDBC URL of a PostgreSQL database; when set, Vigil uses it instead of the embedded H2 database. */
        @WithName("postgres-url")
        Optional<String> postgresUrl();

        /** PostgreSQL user. */
        @WithName("postgres-user")
        @WithDefault("vigil")
        String postgresUser();

        /** PostgreSQL password (never logged). */
        @WithName("postgres-password")
        Optional<String> postgresPassword();
    }

    interface SharedGate {
        /**
         * The label that places a metric series in an environment; a series without it matches every environment.
         * Read by the gate, prediction (open anomalies) and attribution alike.
         */
        @WithName("environment-label")
        @WithDefault("environment")
        String environmentLabel();
    }
}
