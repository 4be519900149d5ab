package dev.vigil.detect.service;

import dev.vigil.core.SeriesKey;
import dev.vigil.core.Severity;
import dev.vigil.detect.AnomalyScore;
import dev.vigil.detect.Detector;
import dev.vigil.detect.Feedback;
import dev.vigil.detect.Status;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.detect.definition.DetectorDefinition;
import dev.vigil.detect.event.AnomalyEvent;
import dev.vigil.detect.event.AnomalyTracker;
import dev.vigil.detect.state.DetectorCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One series being watched: its detector, its anomaly tracker and the latest verdict (read by the metrics
 * exporter). Every method that touches the detector is synchronized on this object; scoring is normally
 * single-threaded per series (one Kafka partition), so the lock is uncontended.
 *
 * <p>An anomaly still open in the store when the series is restored (after a restart or an eviction) is
 * "carried": if the tracker opens again it continues under the same id, and if the series stays normal for
 * {@code closeAfter} points instead, the carried anomaly is closed at its last update.
 */
final class SeriesState {

    final SeriesKey key;
    private DetectorDefinition definition;
    private String fingerprint;
    private Detector detector;
    private AnomalyTracker tracker;
    private final int closeAfter;

    private String openId;
    private AnomalyRecord carried;
    private int carriedQuiet;

    volatile Severity openSeverity;
    volatile double score;
    volatile double expected = Double.NaN;
    volatile double lower = Double.NaN;
    volatile double upper = Double.NaN;
    volatile boolean scored;
    volatile long lastPointMillis = Long.MIN_VALUE;
    volatile long lastSeenNanos;
    volatile boolean dirty;

    SeriesState(SeriesKey key, DetectorDefinition definition, Detector detector, int closeAfter, long lastPointMillis,
            AnomalyRecord carried) {
        this.key = key;
        this.closeAfter = closeAfter;
        this.definition = definition;
        this.fingerprint = Fingerprint.of(definition);
        this.detector = detector;
        this.tracker = new AnomalyTracker(definition.severity(), closeAfter);
        this.lastPointMillis = lastPointMillis;
        this.carried = carried;
        if (carried != null) {
            this.openSeverity = carried.severity();
        }
        this.lastSeenNanos = System.nanoTime();
    }

    /**
     * Scores one point (ignored when not newer than the last one: redelivery or out of order) and hands any
     * resulting anomaly change to {@code sink}. Returns false when the point was ignored.
     */
    synchronized boolean observe(long t, double value, Consumer<AnomalyChange> sink) {
        lastSeenNanos = System.nanoTime();
        if (t <= lastPointMillis) {
            return false;
        }
        lastPointMillis = t;
        AnomalyScore s = detector.score(t, value);
        dirty = true;
        score = s.score();
        expected = s.expected();
        lower = s.lower();
        upper = s.upper();
        scored = s.status() == Status.SCORED;
        Optional<AnomalyEvent> event = tracker.observe(t, value, s);
        if (event.isPresent()) {
            sink.accept(record(event.get()));
        } else if (carried != null && scored && !tracker.isOpen()) {
            carriedQuietPoint(sink);
        }
        return true;
    }

    private void carriedQuietPoint(Consumer<AnomalyChange> sink) {
        if (++carriedQuiet >= closeAfter) {
            AnomalyRecord c = carried;
            carried = null;
            openSeverity = null;
            AnomalyRecord closed = c.toBuilder().status(AnomalyRecord.Status.CLOSED)
                    .updatedAt(Instant.ofEpochMilli(lastPointMillis)).endedAt(c.updatedAt()).build();
            sink.accept(new AnomalyChange(AnomalyChange.CLOSED, key.canonical(), closed));
        }
    }

    private AnomalyChange record(AnomalyEvent e) {
        Instant start = Instant.ofEpochMilli(e.startMillis());
        double peak = e.peakScore();
        if (e.type() == AnomalyEvent.Type.OPENED) {
            if (carried != null) {
                openId = carried.id(); // the anomaly open before the restart goes on
                start = carried.startedAt();
            } else {
                openId = anomalyId(key, e.startMillis());
            }
        }
        if (carried != null) {
            start = carried.startedAt();
            peak = Math.max(peak, carried.peakScore());
        }
        String id = openId;
        boolean closed = e.type() == AnomalyEvent.Type.CLOSED;
        if (closed) {
            openId = null;
            carried = null;
            openSeverity = null;
        } else {
            openSeverity = e.severity();
        }
        AnomalyRecord r = fromEvent(e, id, definition.name(), start, peak)
                .seriesId(key.id()).service(key.service()).metric(key.name()).labels(key.labels())
                .build();
        return new AnomalyChange(e.type().name().toLowerCase(Locale.ROOT), key.canonical(), r);
    }

    /**
     * The id of the anomaly a series opened at {@code startMillis}: the same whoever scores it, so that records read
     * again after a hand-over or a {@code kill -9} (replayed from the stored offsets) update the anomaly they opened
     * the first time instead of storing it twice.
     */
    static String anomalyId(SeriesKey key, long startMillis) {
        return UUID.nameUUIDFromBytes((key.id() + "@" + startMillis).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** What every anomaly record takes from its event (the multivariate detector's too); the caller names the series. */
    static AnomalyRecord.Builder fromEvent(AnomalyEvent e, String id, String detector, Instant start, double peak) {
        boolean closed = e.type() == AnomalyEvent.Type.CLOSED;
        return AnomalyRecord.builder()
                .id(id).detector(detector)
                .status(closed ? AnomalyRecord.Status.CLOSED : AnomalyRecord.Status.OPEN)
                .severity(e.severity())
                .startedAt(start).updatedAt(Instant.ofEpochMilli(e.atMillis()))
                .endedAt(closed ? Instant.ofEpochMilli(e.endMillis()) : null)
                .peakScore(peak).observed(e.observed()).expected(e.expected()).lower(e.lower()).upper(e.upper())
                .component(e.component().name());
    }

    synchronized void feedback(Feedback feedback) {
        detector.feedback(feedback);
        dirty = true;
    }

    /** The state to write, or empty when nothing changed since the last checkpoint. */
    synchronized Optional<DetectorCheckpoint> checkpointIfDirty() {
        if (!dirty || lastPointMillis == Long.MIN_VALUE) {
            return Optional.empty();
        }
        dirty = false;
        return Optional.of(checkpoint());
    }

    synchronized DetectorCheckpoint checkpoint() {
        return new DetectorCheckpoint(key.id(), key.canonical(), definition.name(), fingerprint, DetectorCodec.encode(detector),
                Instant.ofEpochMilli(lastPointMillis == Long.MIN_VALUE ? 0 : lastPointMillis));
    }

    synchronized DetectorDefinition definition() {
        return definition;
    }

    /**
     * After a reload: a definition with the same algorithm and settings is swapped in place (a new severity
     * mapping applies from the next anomaly); otherwise the detector starts afresh. Returns true when it did.
     */
    synchronized boolean redefine(DetectorDefinition next) {
        if (next.equals(definition)) {
            return false;
        }
        String nextPrint = Fingerprint.of(next);
        boolean fresh = !nextPrint.equals(fingerprint);
        if (fresh) {
            detector = next.newDetector();
            dirty = true;
        }
        if (!tracker.isOpen()) {
            tracker = new AnomalyTracker(next.severity(), closeAfter);
        }
        definition = next;
        fingerprint = nextPrint;
        return fresh;
    }

    /** What the metrics exporter and tests read. */
    record Snapshot(String canonical, String seriesId, String definition, double score, double expected, double lower,
            double upper, boolean scored, boolean open) {
    }

    Snapshot snapshot() {
        return new Snapshot(key.canonical(), key.id(), definition.name(), score, expected, lower, upper, scored,
                openSeverity != null);
    }
}
