package dev.vigil.security.service;

import dev.vigil.security.AuditLog;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Deletes audit entries older than {@code vigil.security.audit.retention}, every {@code prune-interval}. */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final AuditLog audit;
    private final SecurityConfig config;
    private final Clock clock;

    public AuditRetention(AuditLog audit, SecurityConfig config, Clock clock) {
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${vigil.security.audit.prune-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        prune();
    }

    /** @return how many entries were deleted */
    public int prune() {
        int deleted = audit.prune(clock.instant().minus(config.audit().retention()));
        if (deleted > 0) {
            LOG.infof("deleted %d audit entries older than %s (vigil.security.audit.retention)", deleted,
                    config.audit().retention());
        }
        return deleted;
    }
}
