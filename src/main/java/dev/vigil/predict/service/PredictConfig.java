package dev.vigil.predict.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Failure prediction of deploys ({@code vigil.predict.*}, docs/prediction.md, "In the server"). */
@ConfigMapping(prefix = "vigil.predict")
public interface PredictConfig {

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

    /**
     * Dependence between the commits of one deploy when the cold-start model's per-commit probabilities are combined
     * (0 = independent, 1 = they fail together; see {@code DeployRisk}).
     */
    @WithName("commit-dependence")
    @WithDefault("0.5")
    double commitDependence();

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
