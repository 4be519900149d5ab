package dev.vigil.detect.event;

import dev.vigil.core.Severity;
import dev.vigil.detect.Component;

/**
 * A change in the anomaly state of one series: what is published to {@code vigil.anomalies} and stored.
 *
 * @param type          OPENED, UPDATED (peak or severity rose) or CLOSED
 * @param startMillis   first anomalous point
 * @param atMillis      the point that caused this event
 * @param endMillis     last anomalous point (CLOSED only, else -1)
 * @param peakScore     highest score so far
 * @param severity      severity of the peak
 * @param observed      value at the peak
 * @param expected      expected value at the peak
 * @param lower         band at the peak
 * @param upper         band at the peak
 * @param component     which test fired at the peak
 */
public record AnomalyEvent(Type type, long startMillis, long atMillis, long endMillis, double peakScore,
                           Severity severity, double observed, double expected, double lower, double upper,
                           Component component) {

    public enum Type {
        OPENED, UPDATED, CLOSED
    }
}
