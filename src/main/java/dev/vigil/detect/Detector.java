package dev.vigil.detect;

/**
 * A streaming detector for one series. Not thread-safe: one instance per series, fed in time order.
 * Time is always an argument; implementations never read the wall clock. A detector knows no serialisation:
 * {@code dev.vigil.detect.state.DetectorCodec} writes and reads its state.
 */
public interface Detector {

    /** Scores the point, then learns from it (the score never depends on the point's own future). */
    AnomalyScore score(long epochMillis, double value);

    /** Adjusts future behaviour after a user's verdict on a reported anomaly. Default: ignored. */
    default void feedback(Feedback feedback) {
    }
}
