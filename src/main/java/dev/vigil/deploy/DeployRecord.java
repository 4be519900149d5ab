package dev.vigil.deploy;

import java.time.Instant;

/** A deploy as Vigil knows it now: the merge of every event received for its service, environment and version. */
public record DeployRecord(
        String id,
        String service,
        String environment,
        String version,
        String commit,
        String previousCommit,
        String repository,
        String status,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        String format) {

    /** When the deploy happened on the service's timeline: its start, or its last update where no start is known. */
    public Instant at() {
        return startedAt != null ? startedAt : updatedAt;
    }
}
