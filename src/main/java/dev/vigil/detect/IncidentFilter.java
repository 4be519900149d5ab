package dev.vigil.detect;

import dev.vigil.core.AlarmRate;

/**
 * One report per incident: turns the combined score of each point into the score the detector reports, so
 * that an incident alarms once (plus real escalations) instead of on every point of its duration, and a spike
 * that keeps returning at a steady rhythm stops being news. Three stages, in order: non-maximum suppression,
 * the recurrence memory, the alarm hold. Stateless itself: its memory (peak score, last three event times,
 * last alarm time and score) lives in {@link SeasonalState} and is checkpointed with it.
 */
final class IncidentFilter {

    /** Per-point decay of the remembered peak score (half-life ~ 140 points). */
    static final double PEAK_DECAY = 0.995;
    static final double SUPPRESSION = 0.5;
    /** A (suppressed) score at or above this is a surprise event for the recurrence memory. */
    static final double EVENT_SCORE = 0.7;
    /** Events closer than this many sampling intervals are one incident. */
    static final double INCIDENT_INTERVALS = 10;
    /** An event is recurring if its gap to the last event matches a remembered gap within this share (+1 interval). */
    static final double RECURRENCE_TOLERANCE = 0.03;
    /** Score factor for a recurring event: a periodic spike that keeps coming back is not news. */
    static final double RECURRENCE_DISCOUNT = 0.5;
    /**
     * After an alarm, scores within this many sampling intervals are halved: the incident was reported. 8 minutes at
     * 10 s sampling, 48 at 1 minute, 4 hours at 5 minutes: about how long an incident's aftershocks last.
     */
    static final double ALARM_HOLD_INTERVALS = 48;
    /** Within this many of those intervals even a critical score is held: the first points are the incident's. */
    static final double FIRM_HOLD_INTERVALS = 12;

    private IncidentFilter() {
    }

    /**
     * The reported score of a point at {@code t} whose combined score is {@code raw}, on the {@code upward} side
     * of its expectation or not; updates the memory.
     */
    static double filter(SeasonalState s, long t, double raw, boolean upward) {
        return holdAfterAlarm(s, t, discountRecurrence(s, t, suppressRepeats(s, raw), upward));
    }

    /**
     * Non-maximum suppression: while a recent peak is still fresh, a score that does not beat it is halved,
     * so one incident reports once (plus escalations) instead of on every point of its duration.
     */
    private static double suppressRepeats(SeasonalState s, double raw) {
        double peak = s.peak;
        s.peak = Math.max(peak * PEAK_DECAY, raw);
        return raw > peak ? raw : raw * SUPPRESSION;
    }

    /**
     * Recurrence memory: a spike that comes back at a steady rhythm (a nightly job whose time of day drifts,
     * a periodic burst) is scored like news every time by the point test, because one narrow spike per
     * period is too sharp for the 15-minute profile knots and drifts off them anyway. The last three surprise
     * events are remembered with their side ({@link EventMark}); an event whose gap to the previous one repeats one
     * of the two remembered gaps (within 3 % + one sampling interval), on the same side as the events that made that
     * gap, is halved. The first two occurrences still alarm, a rhythm change (a burst arriving at a new spacing,
     * density increasing) alarms again, and so does an event on the other side: a gap matches one of two remembered
     * gaps by chance for about one event in 25, and a surge at the time of day where the series had dipped is not
     * the dip coming back. 24 bytes of state.
     */
    private static double discountRecurrence(SeasonalState s, long t, double score, boolean upward) {
        if (score < EVENT_SCORE) {
            return score;
        }
        double slack = Math.max(s.interval, 1);
        if (s.lastEvent != SeasonalState.NO_EVENT && t - EventMark.time(s.lastEvent) < INCIDENT_INTERVALS * slack) {
            // The same incident continues: not a new event, and as much news as its start was. Its start stays
            // the event's time, so the rhythm is measured start to start (a spike with a second peak a few points
            // later would otherwise move the anchor and hide the rhythm).
            long gap = EventMark.time(s.lastEvent) - EventMark.time(s.priorEvent);
            boolean recurring = rhythm(gap, s.lastEvent, s.priorEvent, s.oldestEvent, slack);
            return recurring ? score * RECURRENCE_DISCOUNT : score;
        }
        long event = EventMark.of(t, upward);
        long gap = t - EventMark.time(s.lastEvent);
        boolean recurring = rhythm(gap, event, s.lastEvent, s.priorEvent, slack)
                || rhythm(gap, event, s.priorEvent, s.oldestEvent, slack);
        s.oldestEvent = s.priorEvent;
        s.priorEvent = s.lastEvent;
        s.lastEvent = event;
        return recurring ? score * RECURRENCE_DISCOUNT : score;
    }

    /**
     * Whether an event ({@code gap} after the one before it) continues the rhythm of the two remembered events
     * {@code later} and {@code earlier}: the gap repeats theirs, and all three are on one side.
     */
    private static boolean rhythm(long gap, long event, long later, long earlier, double slack) {
        if (later == SeasonalState.NO_EVENT || earlier == SeasonalState.NO_EVENT
                || !EventMark.sameSide(event, later) || !EventMark.sameSide(later, earlier)) {
            return false;
        }
        double remembered = EventMark.time(later) - EventMark.time(earlier);
        return Math.abs(gap - remembered) <= RECURRENCE_TOLERANCE * remembered + slack;
    }

    /**
     * Alarm hold: for {@code ALARM_HOLD_INTERVALS} sampling intervals after a score reached the shipped
     * threshold, scores are halved, so the next points of the same incident (a spike's shoulder, the second
     * step of a jump, the aftershocks of an outage) do not raise a second alarm: non-maximum suppression alone lets
     * every escalation through. One escalation does break through after the first {@code FIRM_HOLD_INTERVALS}: a
     * critical score after an alarm that was not critical, so an incident that turns critical reaches the gate as
     * critical no later than it did with the 12-interval hold of before. Uses the shipped threshold and
     * critical level, as the band does: it is the operating point the detector is calibrated for. The
     * {@code AnomalyTracker} keeps the incident's event open meanwhile as long as the values stay outside the band.
     */
    private static double holdAfterAlarm(SeasonalState s, long t, double score) {
        double since = s.lastAlarm == SeasonalState.NO_EVENT ? Double.POSITIVE_INFINITY
                : (t - s.lastAlarm) / Math.max(s.interval, 1);
        if (since <= ALARM_HOLD_INTERVALS && !(since > FIRM_HOLD_INTERVALS && turnsCritical(s, score))) {
            return score * SUPPRESSION;
        }
        if (score >= Scoring.DEFAULT_THRESHOLD) {
            s.lastAlarm = t;
            s.lastAlarmScore = score;
        }
        return score;
    }

    private static boolean turnsCritical(SeasonalState s, double score) {
        return score >= AlarmRate.CRITICAL_SCORE && s.lastAlarmScore < AlarmRate.CRITICAL_SCORE;
    }
}
