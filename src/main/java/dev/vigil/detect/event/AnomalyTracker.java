package dev.vigil.detect.event;

import dev.vigil.core.Severity;
import dev.vigil.detect.AnomalyScore;
import dev.vigil.detect.Component;
import dev.vigil.detect.Status;
import dev.vigil.detect.definition.SeverityMapping;

import java.util.Optional;

/**
 * Turns a series' scores into anomaly events (thresholding kept apart from scoring, as in RCF). An anomaly
 * opens when a score reaches {@code severity.info}; it stays open while values are outside the band (the
 * detector reports an incident once, so later points of the same incident may score low) and closes after
 * {@code quietPoints} consecutive points back inside the band and below the threshold. UPDATED is emitted
 * only when the severity rises, so a long incident produces a handful of events, not one per point.
 */
public final class AnomalyTracker {

    private final SeverityMapping severity;
    private final int quietPoints;
    private AnomalyEvent open;
    private long lastAbnormal;
    private int quiet;

    public AnomalyTracker(SeverityMapping severity, int quietPoints) {
        if (quietPoints < 1) {
            throw new IllegalArgumentException("quietPoints must be >= 1, got " + quietPoints);
        }
        this.severity = severity;
        this.quietPoints = quietPoints;
    }

    public boolean isOpen() {
        return open != null;
    }

    /** Feeds one scored point; returns the event it causes, if any. */
    public Optional<AnomalyEvent> observe(long epochMillis, double value, AnomalyScore score) {
        if (score.status() != Status.SCORED) {
            return Optional.empty();
        }
        Severity level = severity.classify(score.score());
        boolean outside = value < score.lower() || value > score.upper();
        if (open == null) {
            return level == null ? Optional.empty() : Optional.of(opened(epochMillis, value, score, level));
        }
        if (level != null || outside) {
            return stillOpen(epochMillis, value, score, level);
        }
        return ++quiet >= quietPoints ? Optional.of(closed(epochMillis)) : Optional.empty();
    }

    private AnomalyEvent opened(long t, double value, AnomalyScore s, Severity level) {
        open = event(AnomalyEvent.Type.OPENED, t, t, value, s, level);
        lastAbnormal = t;
        quiet = 0;
        return open;
    }

    private Optional<AnomalyEvent> stillOpen(long t, double value, AnomalyScore s, Severity level) {
        lastAbnormal = t;
        quiet = 0;
        if (level == null || s.score() <= open.peakScore()) {
            return Optional.empty();
        }
        boolean escalated = level.compareTo(open.severity()) > 0;
        open = event(AnomalyEvent.Type.UPDATED, open.startMillis(), t, value, s, level);
        return escalated ? Optional.of(open) : Optional.empty();
    }

    private AnomalyEvent closed(long t) {
        AnomalyEvent e = new AnomalyEvent(AnomalyEvent.Type.CLOSED, open.startMillis(), t, lastAbnormal,
                open.peakScore(), open.severity(), open.observed(), open.expected(), open.lower(), open.upper(),
                open.component());
        open = null;
        return e;
    }

    private static AnomalyEvent event(AnomalyEvent.Type type, long start, long t, double value, AnomalyScore s,
                                      Severity level) {
        Component c = s.component();
        return new AnomalyEvent(type, start, t, -1, s.score(), level, value, s.expected(), s.lower(), s.upper(), c);
    }
}
