package dev.vigil.gate.service;

import dev.vigil.gate.Evidence;
import dev.vigil.store.DeployQuery;
import dev.vigil.store.DeployRecord;
import dev.vigil.store.DeployRepository;
import dev.vigil.store.PageRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The previous release from the deploy records: the latest succeeded deploy of another version of the service in
 * the environment that went live before {@code before}; it was live from when it finished until the next deploy of
 * the service started (or {@code before}). Only the latest 200 deploys are looked at.
 */
public final class DeployReleases implements Evidence.Releases {

    private final DeployRepository deploys;

    public DeployReleases(DeployRepository deploys) {
        this.deploys = deploys;
    }

    @Override
    public Optional<Evidence.ReleaseWindow> previous(String service, String environment, String currentVersion,
                                                     Instant before) {
        List<DeployRecord> recent = deploys.find(new DeployQuery(service, environment, null, null, null),
                new PageRequest(200, 0)).items();
        Optional<DeployRecord> previous = recent.stream()
                .filter(d -> !d.version().equals(currentVersion) && "succeeded".equals(d.status()))
                .filter(d -> live(d) != null && live(d).isBefore(before))
                .max(Comparator.comparing(DeployReleases::live));
        if (previous.isEmpty()) {
            return Optional.empty();
        }
        Instant from = live(previous.get());
        Instant to = recent.stream()
                .map(d -> d.startedAt() != null ? d.startedAt() : live(d))
                .filter(t -> t != null && t.isAfter(from) && t.isBefore(before))
                .min(Comparator.naturalOrder())
                .orElse(before);
        return Optional.of(new Evidence.ReleaseWindow(previous.get().version(), from, to));
    }

    private static Instant live(DeployRecord d) {
        return d.finishedAt() != null ? d.finishedAt() : d.startedAt();
    }
}
