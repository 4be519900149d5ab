package dev.vigil.predict.service;

import dev.vigil.core.DeployStatus;
import dev.vigil.deploy.DeployQuery;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.deploy.Deploys;
import dev.vigil.predict.DeployOutcome;
import dev.vigil.predict.PastDeploy;
import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the deploy store knows about a service in an environment: its past deploys and the commit last deployed. */
public final class ServiceHistory {

    /** How far back past deploys are read: the "days since last failure" cap of the service features. */
    static final Duration LOOKBACK = Duration.ofDays(366);
    private static final int PAGE = Page.MAX_LIMIT;
    private static final int MAX_PAGES = 10;

    private final Deploys deploys;

    public ServiceHistory(Deploys deploys) {
        this.deploys = deploys;
    }

    public static DeployOutcome outcome(DeployStatus status) {
        if (status == null) {
            return DeployOutcome.UNKNOWN;
        }
        return switch (status) {
            case SUCCEEDED -> DeployOutcome.SUCCEEDED;
            case FAILED -> DeployOutcome.FAILED;
            case ROLLED_BACK -> DeployOutcome.ROLLED_BACK;
            case STARTED, REMOVED -> DeployOutcome.UNKNOWN; // still running, or removed: not a label
        };
    }

    /** Deploys of the service in the environment over the last year before {@code before} (at most 10,000). */
    public List<PastDeploy> past(String service, String environment, Instant before) {
        List<PastDeploy> out = new ArrayList<>();
        for (DeployRecord d : recent(service, environment, before.minus(LOOKBACK))) {
            out.add(new PastDeploy(d.at(), outcome(d.status())));
        }
        return out;
    }

    /**
     * The commit running before a deploy: the commit of the newest succeeded deploy of the same service and
     * environment that started before it (other than the deploy itself).
     */
    public Optional<String> lastDeployedCommit(String service, String environment, String excludeDeployId,
                                               Instant before) {
        for (int p = 0; p < MAX_PAGES; p++) {
            Page<DeployRecord> page = deploys.find(new DeployQuery(service, environment, "succeeded", null, null),
                    new PageRequest(PAGE, p * PAGE));
            for (DeployRecord d : page.items()) {
                if (!d.id().equals(excludeDeployId) && d.commit() != null && d.at().isBefore(before)) {
                    return Optional.of(d.commit());
                }
            }
            if (page.items().size() < PAGE) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The deploy of a service, environment and version, if the store has it. */
    public Optional<DeployRecord> find(String service, String environment, String version) {
        return deploys.findRelease(service, environment, version);
    }

    private List<DeployRecord> recent(String service, String environment, Instant from) {
        List<DeployRecord> out = new ArrayList<>();
        for (int p = 0; p < MAX_PAGES; p++) {
            Page<DeployRecord> page = deploys.find(new DeployQuery(service, environment, null, from, null),
                    new PageRequest(PAGE, p * PAGE));
            out.addAll(page.items());
            if (page.items().size() < PAGE) {
                break;
            }
        }
        return out;
    }
}
