package dev.vigil.attribute;

import dev.vigil.core.DeployStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A deploy of the anomalous service, as a candidate cause.
 *
 * @param deployId       id
 * @param environment    where it went
 * @param version        its version
 * @param commit         the commit deployed, or null
 * @param previousCommit the commit it replaced, or null
 * @param startedAt      when the rollout began (for a deploy only ever seen finished: when it was reported)
 * @param finishedAt     when the rollout ended, or null while it is (as far as known) still running
 * @param status         where the deploy is in its life
 */
public record DeployFacts(String deployId, String environment, String version, String commit, String previousCommit,
                          Instant startedAt, Instant finishedAt, DeployStatus status) {

    public DeployFacts {
        Objects.requireNonNull(deployId, "deployId");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** The commit range deployed, {@code previous..commit}, or the commit alone, or null when none is known. */
    public String commits() {
        if (commit == null) {
            return null;
        }
        return previousCommit == null ? commit : previousCommit + ".." + commit;
    }

    /** True when the rollout was still running at {@code t} (started at or before it, not finished before it). */
    boolean rollingOutAt(Instant t) {
        return !t.isBefore(startedAt) && (finishedAt == null || !t.isAfter(finishedAt));
    }
}
