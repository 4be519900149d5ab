package dev.vigil.detect.service;

import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.anomaly.ProbableCause;
import dev.vigil.detect.service.AnomalyRepository;
import dev.vigil.store.StoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Everything detection writes, off the hot path: anomaly changes in batches (stored first, then published, so
 * the API and {@code vigil.anomalies} agree), detector checkpoints, and the checkpoints of evicted series.
 * The changes wait in detection's {@link dev.vigil.store.WriteBehind} queue; this writer drains it on the
 * scheduled flush (one run at a time) and on shutdown. A failed database write is held and retried on the next run;
 * nothing is published before it is stored. An anomaly that opened is attributed to a deploy once it is stored (the
 * attribution row refers to it), and its {@code opened} event carries that probable cause.
 */
public final class DetectionWriter {

    private static final Logger LOG = Logger.getLogger(DetectionWriter.class);
    private static final int CHUNK = 500;

    private final DetectionService detection;
    private final AnomalyRepository anomalies;
    private final CheckpointRepository checkpoints;
    private final Consumer<AnomalyChange> publisher;
    private final Function<AnomalyRecord, Optional<ProbableCause>> attributor;
    private final Clock clock;
    private List<DetectorCheckpoint> retryCheckpoints = new ArrayList<>();

    public DetectionWriter(DetectionService detection, AnomalyRepository anomalies, CheckpointRepository checkpoints,
            Consumer<AnomalyChange> publisher, Function<AnomalyRecord, Optional<ProbableCause>> attributor,
            Clock clock) {
        this.detection = detection;
        this.anomalies = anomalies;
        this.checkpoints = checkpoints;
        this.publisher = publisher;
        this.attributor = attributor;
        this.clock = clock;
    }

    /** Stores and publishes pending anomaly changes, and checkpoints series evicted over the bound. */
    public synchronized void flush() {
        detection.writeChanges(this::storeAndPublish);
        saveCheckpoints(detection.evictOverflow());
    }

    /** One batch: the latest state of each anomaly stored in one transaction, then every change published. */
    private void storeAndPublish(List<AnomalyChange> changes) {
        Map<String, AnomalyRecord> latest = new LinkedHashMap<>();
        changes.forEach(c -> latest.put(c.anomaly().id(), c.anomaly()));
        anomalies.upsert(new ArrayList<>(latest.values()));
        changes.stream().map(this::attributed).forEach(publisher);
    }

    private AnomalyChange attributed(AnomalyChange change) {
        if (!AnomalyChange.OPENED.equals(change.type())) {
            return change;
        }
        return change.withCause(attributor.apply(change.anomaly()).orElse(null));
    }

    /** Writes the state of every detector that learnt something since its last checkpoint. */
    public synchronized void checkpoint() {
        saveCheckpoints(detection.dirtyCheckpoints());
    }

    private void saveCheckpoints(List<DetectorCheckpoint> fresh) {
        List<DetectorCheckpoint> all = new ArrayList<>(retryCheckpoints);
        all.addAll(fresh);
        retryCheckpoints = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            List<DetectorCheckpoint> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
            try {
                checkpoints.save(chunk, clock.instant());
            } catch (StoreException e) {
                retryCheckpoints.addAll(chunk);
                LOG.warnf("writing %d detector checkpoints failed, will retry: %s", chunk.size(), e.getCause());
            }
        }
    }
}
