package dev.vigil.bench.detect;

import dev.vigil.core.Severity;
import dev.vigil.detect.event.AnomalyEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * One anomaly of one series as {@link dev.vigil.detect.event.AnomalyTracker} reported it: the severity it opened
 * at and each escalation (the tracker emits UPDATED only when the severity rises), and when it closed. Kept whole
 * so that the gate can be asked about it as the store would have answered at any instant.
 *
 * @param steps        OPENED then each escalation, in time order
 * @param closedMillis time of the point that closed it (the CLOSED event), or {@link Long#MAX_VALUE} if still open
 *                     when the stream ended
 * @param endMillis    its last anomalous point (the store's {@code ended_at}), or -1 if still open
 */
record Alarm(List<Step> steps, long closedMillis, long endMillis) {

    /** One severity the anomaly reached, at the time of the point that raised it, with its peak score then. */
    record Step(long atMillis, Severity severity, double peakScore) {
    }

    Alarm {
        steps = List.copyOf(steps);
    }

    /** First anomalous point: the store's {@code started_at}. */
    long startMillis() {
        return steps.get(0).atMillis();
    }

    /** The highest severity it reached: what the alarm counts as. */
    Severity peak() {
        return steps.get(steps.size() - 1).severity();
    }

    /** Its severity as stored at {@code t}, or null when it had not opened yet. */
    Severity severityAt(long t) {
        Severity s = null;
        for (Step step : steps) {
            if (step.atMillis() <= t) {
                s = step.severity();
            }
        }
        return s;
    }

    /** Its peak score as stored at {@code t} (0 before it opened). */
    double peakScoreAt(long t) {
        double score = 0;
        for (Step step : steps) {
            if (step.atMillis() <= t) {
                score = step.peakScore();
            }
        }
        return score;
    }

    /** Its {@code ended_at} as stored at {@code t}: null while it was open then. */
    Long endedAt(long t) {
        return closedMillis <= t ? endMillis : null;
    }

    /** Collects the tracker's events of one series into alarms. */
    static final class Recorder {
        private final List<Alarm> alarms = new ArrayList<>();
        private List<Step> open;

        void accept(AnomalyEvent e) {
            switch (e.type()) {
                case OPENED -> {
                    open = new ArrayList<>();
                    open.add(new Step(e.atMillis(), e.severity(), e.peakScore()));
                }
                case UPDATED -> open.add(new Step(e.atMillis(), e.severity(), e.peakScore()));
                case CLOSED -> {
                    alarms.add(new Alarm(open, e.atMillis(), e.endMillis()));
                    open = null;
                }
            }
        }

        /** The alarms, including one still open at the end of the stream. */
        List<Alarm> finish() {
            if (open != null) {
                alarms.add(new Alarm(open, Long.MAX_VALUE, -1));
                open = null;
            }
            return List.copyOf(alarms);
        }
    }
}
