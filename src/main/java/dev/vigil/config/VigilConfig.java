package dev.vigil.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Vigil's own settings. Every key is documented in README.md, "Configuration". */
@ConfigMapping(prefix = "vigil")
public interface VigilConfig {

    /** Directory for everything Vigil keeps on local disk in embedded mode (Kafka log, H2 database). */
    @WithName("data-dir")
    @WithDefault("./data")
    String dataDir();

    Kafka kafka();

    Ingest ingest();

    Database database();

    Security security();

    Gate gate();
    /** Where deploys' commits are read from (see docs/prediction.md, "Repositories"). */
    Git git();

    /** Failure prediction of deploys (see docs/prediction.md, "In the server"). */
    Predict predict();

    interface Kafka {
        /** Embedded broker settings; used only when no external bootstrap servers are configured. */
        Embedded embedded();

        /** Topic names. */
        Topics topics();

        /** Partitions of the metrics topic when Vigil creates it (series are partitioned by their key). */
        @WithName("metrics-partitions")
        @WithDefault("4")
        int metricsPartitions();

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
        }
    }

    interface Ingest {
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
         * How often the in-memory series registry is written to the database. Each flush updates one row per series
         * seen since the last: at 10,000 series a 1 s interval cost H2 about a third of a core (bench/detect/e2e.sh).
         */
        @WithName("series-flush-interval")
        @WithDefault("10s")
        Duration seriesFlushInterval();
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

    interface Security {
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

    /** Release gates (docs/gates.md). */
    interface Gate {
        /**
         * Directory of the gate policies (*.yaml). If it does not exist, the policies shipped inside the application
         * are used. Any problem in any file stops the start-up.
         */
        @WithName("policies-dir")
        @WithDefault("./policies")
        String policiesDir();

        /** The label that places a metric series in an environment; a series without it matches every environment. */
        @WithName("environment-label")
        @WithDefault("environment")
        String environmentLabel();

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

    interface Git {
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

        /** Open repositories by local path. */
        @WithName("allow-local")
        @WithDefault("true")
        boolean allowLocal();

        /** Directories local repositories must be inside; empty: any path (set it in shared deployments). */
        @WithName("local-roots")
        Optional<List<String>> localRoots();

        /** Repositories kept open with their history index; the least recently used is closed beyond this. */
        @WithName("max-open-repositories")
        @WithDefault("16")
        int maxOpenRepositories();

        /** Commit features kept in memory (about 3 KB each); all are also kept on disk under the cache dir. */
        @WithName("feature-cache-entries")
        @WithDefault("20000")
        int featureCacheEntries();
    }

    interface Predict {
        /** Predict the failure risk of every deploy that starts. */
        @WithDefault("true")
        boolean enabled();

        /** Threads computing predictions off the Kafka consumer thread. */
        @WithDefault("1")
        int threads();

        /** Started deploys waiting for a prediction thread; beyond it the prediction is stored as unavailable. */
        @WithName("queue-capacity")
        @WithDefault("256")
        int queueCapacity();

        /** Explanations (features that pushed the risk most) kept per prediction. */
        @WithName("top-explanations")
        @WithDefault("5")
        int topExplanations();

        /** Probability from which a prediction is MEDIUM risk. */
        @WithName("medium-threshold")
        @WithDefault("0.30")
        double mediumThreshold();

        /** Probability from which a prediction is HIGH risk. */
        @WithName("high-threshold")
        @WithDefault("0.60")
        double highThreshold();

        /** Time zone of hour-of-day and day-of-week service features. */
        @WithName("time-zone")
        @WithDefault("UTC")
        String timeZone();

        /**
         * How often per-service models are retrained from labelled deploys, as a duration such as {@code 24h}, or
         * {@code off}. Read by the scheduler as {@code ${vigil.predict.retrain-interval}}; retraining on demand is
         * {@code POST /api/v1/admin/models/retrain}.
         */
        @WithName("retrain-interval")
        @WithDefault("24h")
        String retrainInterval();
    }
}
