package dev.vigil.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A change in a deploy's life, in canonical form (from Vigil's own JSON or from a CDEvent).
 *
 * <p>A deploy is identified by {@code service}, {@code environment} and {@code version}: later events for the
 * same triple update it (a {@code started} followed by {@code succeeded}).
 *
 * @param eventId     the producer's id of this event when it has one (CloudEvents id), else null
 * @param commit      the commit being deployed (full or abbreviated SHA), or null
 * @param previousCommit the commit that was running before, or null
 * @param repository  where the commit lives (URL or path), or null
 * @param startedAt   when the deploy started, if this event says
 * @param finishedAt  when the deploy finished, if this event says
 * @param time        when this status was reached
 * @param format      which wire format it came in ({@code vigil} or {@code cdevents})
 */
public record DeployEvent(
        String eventId,
        String service,
        String environment,
        String version,
        String commit,
        String previousCommit,
        String repository,
        DeployStatus status,
        Instant startedAt,
        Instant finishedAt,
        Instant time,
        String format) {

    public DeployEvent {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(format, "format");
    }
}
