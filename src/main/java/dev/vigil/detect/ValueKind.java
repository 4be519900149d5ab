package dev.vigil.detect;

/**
 * How raw values are read. A {@code COUNTER} only grows (Prometheus {@code *_total}); the detector scores its
 * per-second rate and treats any decrease as a reset, like PromQL {@code rate()}.
 */
public enum ValueKind {
    GAUGE, COUNTER
}
