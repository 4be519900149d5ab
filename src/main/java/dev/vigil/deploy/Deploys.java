package dev.vigil.deploy;

import dev.vigil.core.DeployEvent;
import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deploy history: what the other capabilities read about deploys (gate's releases, prediction's service history
 * and labels, attribution's candidates) and the one way a deploy changes, {@link #record}. Implemented over the
 * database by {@code deploy.service.DeployRepository}.
 */
public interface Deploys {

    /** Applies one event (merged by {@link DeployLifecycle#merge}); returns the deploy as it stands afterwards. */
    DeployRecord record(DeployEvent event, Instant receivedAt);

    Optional<DeployRecord> findById(String id);

    /** The deploy of a release: service, environment and version identify one deploy. */
    Optional<DeployRecord> findRelease(String service, String environment, String version);

    /** Deploys matching the query, newest update first. */
    Page<DeployRecord> find(DeployQuery query, PageRequest page);

    /**
     * Deploys of a service that happened ({@link DeployRecord#at}) within {@code [from, to]}, oldest first, at most
     * {@code limit}.
     */
    List<DeployRecord> startedBetween(String service, Instant from, Instant to, int limit);
}
