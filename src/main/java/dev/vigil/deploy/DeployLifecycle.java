package dev.vigil.deploy;

import dev.vigil.core.DeployEvent;
import dev.vigil.core.DeployStatus;
import java.time.Instant;

/**
 * How a deploy's events make up the deploy. Events may arrive more than once and out of order; the result is the same
 * either way:
 * <ul>
 *   <li>a finished status ({@code succeeded}, {@code failed}, {@code rolled_back}, {@code removed}) is never replaced
 *       by {@code started};</li>
 *   <li>between two finished statuses the one whose event time is not before the deploy's finish time wins;</li>
 *   <li>the start is the earliest known, the last update the latest event time; commit, previous commit and
 *       repository take the newest event's value where it has one.</li>
 * </ul>
 * (Duplicate events, by event id, are dropped before this rule by the store.) A repository URL is kept without its
 * user info ({@code https://user:secret@host/...} becomes {@code https://***@host/...}): the record is served to
 * viewers, and the secret is of no use to it once the deploy's prediction has read the event.
 */
public final class DeployLifecycle {

    private DeployLifecycle() {
    }

    /** The deploy as its first event describes it. */
    public static DeployRecord fresh(String id, DeployEvent e) {
        return new DeployRecord(id, e.service(), e.environment(), e.version(), e.commit(), e.previousCommit(),
                redacted(e.repository()), e.status(), e.startedAt(), e.finishedAt(), e.time(), e.format());
    }

    /** The deploy {@code d} after one more event {@code e} of the same service, environment and version. */
    public static DeployRecord merge(DeployRecord d, DeployEvent e) {
        boolean currentFinished = d.status() != DeployStatus.STARTED;
        boolean takeStatus = e.status().finished()
                ? !currentFinished || d.finishedAt() == null || !e.time().isBefore(d.finishedAt())
                : !currentFinished;
        Instant startedAt = earliest(d.startedAt(), e.startedAt());
        Instant finishedAt = takeStatus && e.finishedAt() != null ? e.finishedAt() : d.finishedAt();
        return new DeployRecord(d.id(), d.service(), d.environment(), d.version(),
                firstNonNull(e.commit(), d.commit()), firstNonNull(e.previousCommit(), d.previousCommit()),
                firstNonNull(redacted(e.repository()), d.repository()), takeStatus ? e.status() : d.status(),
                startedAt, finishedAt, latest(d.updatedAt(), e.time()), d.format());
    }

    /** The repository location without user info in its URL (a location stored before this rule is read through it too). */
    public static String redacted(String repository) {
        return repository == null ? null : repository.replaceAll("://[^/@]*@", "://***@");
    }

    private static <T> T firstNonNull(T a, T b) {
        return a != null ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
