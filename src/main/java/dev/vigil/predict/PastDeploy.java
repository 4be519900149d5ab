package dev.vigil.predict;

import java.time.Instant;
import java.util.Objects;

/** One earlier deploy of a service and how it ended. */
public record PastDeploy(Instant at, DeployOutcome outcome) {
    public PastDeploy {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
    }
}
