package dev.vigil.detect.event;

import dev.vigil.core.Severity;
import dev.vigil.detect.AnomalyScore;
import dev.vigil.detect.Component;
import dev.vigil.detect.Status;
import dev.vigil.detect.definition.SeverityMapping;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnomalyTrackerTest {

    private final AnomalyTracker tracker = new AnomalyTracker(SeverityMapping.DEFAULT, 3);
    private final List<AnomalyEvent> events = new ArrayList<>();
    private long t;

    /** Expected 10, band [8, 12]. */
    private void feed(double value, double score) {
        AnomalyScore s = new AnomalyScore(score, 10, 8, 12, Status.SCORED, score > 0 ? Component.POINT : Component.NONE);
        tracker.observe(t++, value, s).ifPresent(events::add);
    }

    @Test
    void opensEscalatesAndClosesAfterQuietPoints() {
        feed(10, 0);
        feed(30, 0.8);   // opens as INFO
        feed(31, 0.3);   // suppressed repeat, but still outside the band: stays open
        feed(40, 0.97);  // escalates to CRITICAL
        feed(10, 0);
        feed(10, 0);
        feed(10, 0);     // third quiet point: closes
        List<AnomalyEvent.Type> types = events.stream().map(AnomalyEvent::type).toList();
        assertEquals(List.of(AnomalyEvent.Type.OPENED, AnomalyEvent.Type.UPDATED, AnomalyEvent.Type.CLOSED), types);
        AnomalyEvent closed = events.get(2);
        assertEquals(1, closed.startMillis());
        assertEquals(3, closed.endMillis());
        assertEquals(Severity.CRITICAL, closed.severity());
        assertEquals(40, closed.observed());
        assertTrue(!tracker.isOpen());
    }

    @Test
    void ignoresWarmUpScores() {
        Optional<AnomalyEvent> e = tracker.observe(0, 99, AnomalyScore.warmingUp(10, 8, 12));
        assertTrue(e.isEmpty());
    }

    @Test
    void quietPointInsideTheBandResetsNothingWhileValuesStayOut() {
        feed(30, 0.8);
        feed(10, 0);
        feed(10, 0);
        feed(30, 0.2);   // out of band again: the count restarts
        feed(10, 0);
        feed(10, 0);
        assertTrue(tracker.isOpen());
        feed(10, 0);
        assertEquals(AnomalyEvent.Type.CLOSED, events.get(events.size() - 1).type());
    }
}
