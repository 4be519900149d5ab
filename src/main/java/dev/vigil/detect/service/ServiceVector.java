package dev.vigil.detect.service;

import dev.vigil.core.SeriesKey;
import dev.vigil.detect.AnomalyScore;
import dev.vigil.detect.Component;
import dev.vigil.detect.Status;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.definition.MultivariateDefinition;
import dev.vigil.detect.event.AnomalyEvent;
import dev.vigil.detect.event.AnomalyTracker;
import dev.vigil.detect.multivariate.AlignedPoint;
import dev.vigil.detect.multivariate.Aligner;
import dev.vigil.detect.multivariate.IsolationForestDetector;
import dev.vigil.detect.multivariate.MultivariateScore;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One service's key metrics watched together: the aligner, the Isolation Forest detector and the anomaly tracker
 * of its pseudo series ({@link MultivariateDefinition#seriesOf}). Samples of different key metrics arrive on
 * different Kafka partitions, so every method is synchronized; the work under the lock is a few forest scorings per
 * step (a refit runs on the detector's executor). An anomaly still open in the store when the vector is restored is
 * carried as {@link SeriesState} carries a series' one: reopened under the same id, or closed after
 * {@code closeAfter} quiet steps.
 */
final class ServiceVector {

    final String service;
    final SeriesKey key;
    private MultivariateDefinition definition;
    final String fingerprint;
    private final Aligner aligner;
    private final IsolationForestDetector detector;
    private AnomalyTracker tracker;
    private final int closeAfter;
    private final String[] owners;
    private String openId;
    private String dominantAtPeak = "";
    private AnomalyRecord carried;
    private int carriedQuiet;
    private boolean dirty;

    ServiceVector(String service, MultivariateDefinition definition, String fingerprint, IsolationForestDetector detector,
            int closeAfter, AnomalyRecord carried) {
        this.service = service;
        this.key = definition.seriesOf(service);
        this.definition = definition;
        this.fingerprint = fingerprint;
        this.detector = detector;
        this.closeAfter = closeAfter;
        this.aligner = new Aligner(definition.metrics().size(), definition.step().toMillis(),
                definition.grace().toMillis(), definition.carry());
        this.tracker = new AnomalyTracker(definition.severity(), closeAfter);
        this.owners = new String[definition.metrics().size()];
        this.carried = carried;
    }

    /**
     * Whether the series may feed key metric {@code slot}: the first series seen for a slot owns it, so two series
     * matching one key metric (two instances, two routes) do not take turns in one coordinate.
     */
    synchronized boolean claim(int slot, String canonical) {
        if (owners[slot] == null) {
            owners[slot] = canonical;
        }
        return owners[slot].equals(canonical);
    }

    /** Takes one sample of key metric {@code slot}; the steps it closes are scored, their anomaly changes sunk. */
    synchronized void offer(int slot, long epochMillis, double value, Consumer<AnomalyChange> sink) {
        for (AlignedPoint p : aligner.offer(slot, epochMillis, value)) {
            Optional<MultivariateScore> s = detector.score(p.stepMillis(), aligner.stepMillis(), p.values());
            if (s.isEmpty()) {
                continue;
            }
            dirty = true;
            observe(p.stepMillis(), s.get(), sink);
        }
    }

    private void observe(long t, MultivariateScore s, Consumer<AnomalyChange> sink) {
        AnomalyScore verdict = new AnomalyScore(s.score(), s.expected(), s.lower(), s.upper(), s.status(),
                Component.JOINT);
        double observed = s.dominant() < 0 ? Double.NaN : s.observed();
        Optional<AnomalyEvent> event = tracker.observe(t, observed, verdict);
        if (event.isPresent()) {
            sink.accept(record(event.get(), s.dominant() < 0 ? "" : definition.metrics().get(s.dominant()).name()));
        } else if (carried != null && verdict.status() == Status.SCORED && !tracker.isOpen()
                && ++carriedQuiet >= closeAfter) {
            AnomalyRecord c = carried;
            carried = null;
            sink.accept(new AnomalyChange(AnomalyChange.CLOSED, key.canonical(), c.toBuilder()
                    .status(AnomalyRecord.Status.CLOSED).updatedAt(Instant.ofEpochMilli(t)).endedAt(c.updatedAt())
                    .build()));
        }
    }

    private AnomalyChange record(AnomalyEvent e, String dominant) {
        Instant start = Instant.ofEpochMilli(e.startMillis());
        double peak = e.peakScore();
        if (e.type() == AnomalyEvent.Type.OPENED) {
            openId = carried != null ? carried.id() : UUID.randomUUID().toString();
        }
        if (e.type() != AnomalyEvent.Type.CLOSED) {
            dominantAtPeak = dominant; // the event is the new peak's
        }
        if (carried != null) {
            start = carried.startedAt();
            peak = Math.max(peak, carried.peakScore());
        }
        boolean closed = e.type() == AnomalyEvent.Type.CLOSED;
        AnomalyRecord r = SeriesState.fromEvent(e, openId, definition.name(), start, peak)
                .seriesId(key.id()).service(service).metric(MultivariateDefinition.SERIES_NAME)
                .labels(Map.of("dominant", dominantAtPeak))
                .build();
        if (closed) {
            openId = null;
            carried = null;
        }
        return new AnomalyChange(e.type().name().toLowerCase(Locale.ROOT), key.canonical(), r);
    }

    /** Whether its forest is fitted (false while warming up and until a restored window is refitted). */
    boolean fitted() {
        return detector.fitted();
    }

    /** A reloaded definition with the same fingerprint: new name and severities (from the next anomaly on). */
    synchronized void rename(MultivariateDefinition next) {
        definition = next;
        if (!tracker.isOpen()) {
            tracker = new AnomalyTracker(next.severity(), closeAfter);
        }
    }

    /** The state to write, or empty when no step was judged since the last checkpoint. */
    synchronized Optional<DetectorCheckpoint> checkpointIfDirty() {
        if (!dirty) {
            return Optional.empty();
        }
        dirty = false;
        return Optional.of(new DetectorCheckpoint(key.id(), key.canonical(), definition.name(), fingerprint,
                detector.toBytes(), Instant.ofEpochMilli(Math.max(detector.lastStepMillis(), 0))));
    }
}
