package dev.vigil.gate.service;

import dev.vigil.core.DeployStatus;
import dev.vigil.deploy.DeployQuery;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.deploy.Deploys;
import dev.vigil.gate.Evidence;
import dev.vigil.store.PageRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The previous release from the deploy records: the latest succeeded deploy of another version of the service in
 * the environment that went live before {@code before}; it was live from when it finished until the next deploy of
 * the service started (or {@code before}). Only the latest 200 deploys are looked at.
 *
 * <p>A failed or rolled-back deploy in between did not replace it: the previous release was live again once that
 * deploy ended, so such a deploy does not end the window. Its own time (start to end; to the window's end when it
 * has no end) may have served the bad version, though, so it is cut out and the window is the latest stretch left:
 * only the last good release's samples make the baseline.
 */
public final class DeployReleases implements Evidence.Releases {

    /** Deploys that leave the release before them live: they do not replace it as the baseline. */
    private static final Set<DeployStatus> NOT_REPLACING = Set.of(DeployStatus.FAILED, DeployStatus.ROLLED_BACK);

    private final Deploys deploys;

    public DeployReleases(Deploys deploys) {
        this.deploys = deploys;
    }

    @Override
    public Optional<Evidence.ReleaseWindow> previous(String service, String environment, String currentVersion,
                                                     Instant before) {
        List<DeployRecord> recent = deploys.find(new DeployQuery(service, environment, null, null, null),
                new PageRequest(200, 0)).items();
        Optional<DeployRecord> previous = recent.stream()
                .filter(d -> !d.version().equals(currentVersion) && d.status() == DeployStatus.SUCCEEDED)
                .filter(d -> live(d) != null && live(d).isBefore(before))
                .max(Comparator.comparing(DeployReleases::live));
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        Instant live = live(previous.get());
        Instant to = recent.stream()
                .filter(d -> !NOT_REPLACING.contains(d.status()))
                .map(DeployReleases::start)
                .filter(t -> t != null && t.isAfter(live) && t.isBefore(before))
                .min(Comparator.naturalOrder())
                .orElse(before);
        // [live, to) minus the time of every failed / rolled-back deploy in it; the latest stretch left is the baseline
        List<Instant[]> bad = recent.stream()
                .filter(d -> NOT_REPLACING.contains(d.status()))
                .filter(d -> start(d) != null && start(d).isBefore(to)
                        && (d.finishedAt() == null || d.finishedAt().isAfter(live)))
                .map(d -> new Instant[] {start(d), d.finishedAt() == null || d.finishedAt().isAfter(to) ? to : d.finishedAt()})
                .sorted(Comparator.comparing((Instant[] i) -> i[0]))
                .toList();
        Instant cursor = live;
        Instant[] latest = null;
        for (Instant[] b : bad) {
            if (b[0].isAfter(cursor)) {
                latest = new Instant[] {cursor, b[0]};
            }
            cursor = b[1].isAfter(cursor) ? b[1] : cursor;
        }
        if (to.isAfter(cursor)) {
            latest = new Instant[] {cursor, to};
        }
        return latest == null ? Optional.empty()
                : Optional.of(new Evidence.ReleaseWindow(previous.get().version(), latest[0], latest[1]));
    }

    private static Instant start(DeployRecord d) {
        return d.startedAt() != null ? d.startedAt() : live(d);
    }

    private static Instant live(DeployRecord d) {
        return d.finishedAt() != null ? d.finishedAt() : d.startedAt();
    }
}
