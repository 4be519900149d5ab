package dev.vigil.detect.service;

import dev.vigil.core.MetricSample;
import dev.vigil.core.SeriesKey;
import dev.vigil.detect.Detector;
import dev.vigil.detect.Feedback;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.definition.DefinitionSet;
import dev.vigil.detect.definition.DetectorDefinition;
import dev.vigil.detect.definition.MultivariateDefinition;
import dev.vigil.detect.service.AnomalyRepository;
import dev.vigil.detect.state.DetectorCodec;
import dev.vigil.store.StoreException;
import dev.vigil.store.WriteBehind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Scores every accepted sample with its series' detector. The hot path ({@link #accept}) touches only memory:
 * a map lookup, the detector, and (rarely) a queue offer for an anomaly change. The database is read once
 * per series, when it is first seen (its checkpoint and any anomaly left open), and written off the hot path by
 * {@link DetectionWriter}.
 */
public final class DetectionService {

    private static final Logger LOG = Logger.getLogger(DetectionService.class);

    private final DefinitionRegistry definitions;
    private final CheckpointRepository checkpoints;
    private final AnomalyRepository anomalies;
    private final int closeAfter;
    private final int maxSeries;
    private final ConcurrentHashMap<String, SeriesState> series = new ConcurrentHashMap<>();
    private final MultivariateService multivariate;
    private final WriteBehind<AnomalyChange> changes;
    private final Consumer<AnomalyChange> sink;
    private final LongAdder scored = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder restored = new LongAdder();
    private final LongAdder evicted = new LongAdder();

    public DetectionService(DefinitionRegistry definitions, CheckpointRepository checkpoints, AnomalyRepository anomalies,
            int closeAfter, int maxSeries, int maxPendingEvents) {
        this.definitions = definitions;
        this.checkpoints = checkpoints;
        this.anomalies = anomalies;
        this.closeAfter = closeAfter;
        this.maxSeries = maxSeries;
        this.changes = new WriteBehind<>("anomaly changes", maxPendingEvents, maxPendingEvents);
        this.sink = record -> {
            if (!changes.offer(record)) {
                dropped.increment();
            }
        };
        this.multivariate = new MultivariateService(definitions, checkpoints, anomalies, closeAfter, maxSeries);
        definitions.onReload(this::redefine);
    }

    /** Scores one sample; time is the sample's own. {@code canonicalKey} is {@link MetricSample#canonicalKey()}. */
    public void accept(MetricSample sample, String canonicalKey) {
        SeriesState state = series.get(canonicalKey);
        if (state == null) {
            state = load(sample.seriesKey());
        }
        if (state.observe(sample.timestamp().toEpochMilli(), sample.value(), sink)) {
            scored.increment();
        } else {
            ignored.increment();
        }
        multivariate.accept(sample, canonicalKey, sink);
    }

    /**
     * First sight of a series in this process: resume from its checkpoint when it fits the definition in force. While
     * the database does not answer it waits (so does the batch, and Kafka holds the records): a series starting from
     * nothing because the store was briefly down would be a detector reset, and an anomaly left open would be opened
     * twice.
     */
    private SeriesState load(SeriesKey key) {
        DetectorDefinition definition = definitions.select(key);
        Detector detector = null;
        long lastPoint = Long.MIN_VALUE;
        AnomalyRecord carried = null;
        Optional<DetectorCheckpoint> checkpoint = stored(key);
        try {
            if (checkpoint.isPresent() && checkpoint.get().fingerprint().equals(Fingerprint.of(definition))) {
                detector = DetectorCodec.decode(checkpoint.get().state());
                lastPoint = checkpoint.get().lastPoint().toEpochMilli();
                restored.increment();
            }
        } catch (IllegalArgumentException e) {
            LOG.warnf("series %s starts afresh: its checkpoint cannot be read (%s)", key.id(), e.getMessage());
        }
        List<AnomalyRecord> open = openAnomalies(key);
        carried = open.isEmpty() ? null : open.get(open.size() - 1);
        SeriesState fresh = new SeriesState(key, definition, detector == null ? definition.newDetector() : detector,
                closeAfter, lastPoint, carried);
        SeriesState raced = series.putIfAbsent(key.canonical(), fresh);
        return raced == null ? fresh : raced;
    }

    private Optional<DetectorCheckpoint> stored(SeriesKey key) {
        return untilStored(key, () -> checkpoints.find(key.id()));
    }

    private List<AnomalyRecord> openAnomalies(SeriesKey key) {
        return untilStored(key, () -> anomalies.openForSeries(key.id()));
    }

    private static <T> T untilStored(SeriesKey key, java.util.function.Supplier<T> read) {
        for (long wait = 100; ; wait = Math.min(5_000, wait * 2)) {
            try {
                return read.get();
            } catch (StoreException e) {
                LOG.warnf("series %s waits for the database to read its state: %s", key.id(), e.getMessage());
                try {
                    Thread.sleep(wait); // a back-off, not a synchronisation: the store decides when this ends
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Forgets every series held (the partitions they came from went to another replica, after their state was stored
     * with the offsets it reflects): their detectors, gauges and verdicts go; a series read again resumes from its
     * checkpoint. Pending anomaly changes stay queued and are written as usual.
     */
    public void dropAll() {
        series.clear();
        multivariate.dropAll();
    }

    /**
     * Applies a user's verdict to the series' detector: in memory if held, else through its checkpoint, which is then
     * saved as of {@code now}.
     */
    public boolean feedback(SeriesKey key, Feedback feedback, Instant now) {
        if (key.name().equals(MultivariateDefinition.SERIES_NAME)) {
            return false; // a service's forest learns from its window, not from verdicts
        }
        SeriesState state = series.get(key.canonical());
        if (state != null) {
            state.feedback(feedback);
            return true;
        }
        Optional<DetectorCheckpoint> checkpoint = checkpoints.find(key.id());
        if (checkpoint.isEmpty()) {
            return false;
        }
        DetectorCheckpoint cp = checkpoint.get();
        Detector detector = DetectorCodec.decode(cp.state());
        detector.feedback(feedback);
        checkpoints.save(List.of(new DetectorCheckpoint(cp.seriesId(), cp.canonical(), cp.definition(), cp.fingerprint(),
                DetectorCodec.encode(detector), cp.lastPoint())), now);
        return true;
    }

    /**
     * Writes the anomaly changes queued since the last call, oldest first, with {@code writer} (one transaction; a
     * batch whose write fails with a StoreException is held and written first on the next call).
     */
    public void writeChanges(WriteBehind.Batch<AnomalyChange> writer) {
        changes.flush(writer);
    }

    /** Checkpoints of every series whose detector learnt something since its last checkpoint. */
    public List<DetectorCheckpoint> dirtyCheckpoints() {
        List<DetectorCheckpoint> out = new ArrayList<>();
        for (SeriesState s : series.values()) {
            s.checkpointIfDirty().ifPresent(out::add);
        }
        out.addAll(multivariate.dirtyCheckpoints());
        return out;
    }

    /**
     * When more than {@code max-series} are held, takes out the least recently seen (series with an open anomaly
     * last) and returns their checkpoints, which the caller must write.
     */
    public List<DetectorCheckpoint> evictOverflow() {
        int excess = series.size() - maxSeries;
        if (excess <= 0) {
            return List.of();
        }
        List<SeriesState> byAge = new ArrayList<>(series.values());
        byAge.sort(Comparator.comparing((SeriesState s) -> s.openSeverity != null).thenComparingLong(s -> s.lastSeenNanos));
        List<DetectorCheckpoint> out = new ArrayList<>(excess);
        for (SeriesState s : byAge.subList(0, Math.min(excess, byAge.size()))) {
            if (series.remove(s.key.canonical(), s)) {
                out.add(s.checkpoint());
                evicted.increment();
            }
        }
        return out;
    }

    private void redefine(DefinitionSet set) {
        multivariate.redefine(set);
        int fresh = 0;
        for (SeriesState s : series.values()) {
            DetectorDefinition next = set.select(s.key)
                    .orElseGet(dev.vigil.detect.definition.DefinitionLoader::shippedDefault);
            fresh += s.redefine(next) ? 1 : 0;
        }
        if (fresh > 0) {
            LOG.infof("definitions changed for %d held series: their detectors start afresh", fresh);
        }
    }

    /** Stops the background refits of the multivariate detectors. */
    public void close() {
        multivariate.close();
    }

    public Collection<SeriesState> states() {
        return series.values();
    }

    /** Counters for /q/metrics (methods, not fields: callers may hold a CDI client proxy). */
    public long scoredPoints() {
        return scored.sum();
    }

    public long ignoredPoints() {
        return ignored.sum();
    }

    public long droppedChanges() {
        return dropped.sum();
    }

    public long restoredSeries() {
        return restored.sum();
    }

    public long evictedSeries() {
        return evicted.sum();
    }

    public int heldSeries() {
        return series.size();
    }

    /** The latest verdict for a series held in memory (for tests and diagnostics). */
    public Optional<SeriesState.Snapshot> snapshot(String canonical) {
        return Optional.ofNullable(series.get(canonical)).map(SeriesState::snapshot);
    }

    /** Whether the service's multivariate detector has a fitted forest (for tests and diagnostics). */
    public boolean multivariateFitted(String service) {
        return multivariate.vector(service).map(ServiceVector::fitted).orElse(false);
    }

    public DefinitionRegistry definitions() {
        return definitions;
    }

    Map<String, SeriesState> map() {
        return series;
    }
}
