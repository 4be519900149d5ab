package dev.vigil.predict;

import dev.vigil.git.ChangeFeatures;
import java.time.Instant;
import java.util.Objects;

/**
 * A past deploy with what was known when it started and how it ended.
 *
 * @param deployId      id
 * @param at            when it started
 * @param change        range aggregate of its commits
 * @param service       service features as of its start
 * @param outcome       reported outcome
 * @param anomalyAfter  an anomaly on the service was attributed to it (confidence above the configured floor)
 */
public record LabeledDeploy(String deployId, Instant at, ChangeFeatures change, ServiceFeatures service,
                            DeployOutcome outcome, boolean anomalyAfter) {
    public LabeledDeploy {
        Objects.requireNonNull(deployId, "deployId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Labelled when the outcome is known or an anomaly followed (which settles it as failed). */
    public boolean isLabelled() {
        return outcome.isLabelled() || anomalyAfter;
    }

    /** Failed, rolled back, or followed by an anomaly. */
    public boolean failed() {
        return outcome.isFailure() || anomalyAfter;
    }
}
