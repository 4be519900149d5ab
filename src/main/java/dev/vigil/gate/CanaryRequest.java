package dev.vigil.gate;

import java.time.Duration;
import java.util.List;

/**
 * How to tell canary from baseline series: both carry the label {@code label}, with value {@code baseline} on the
 * baseline and {@code canary} on the canary (e.g. {@code version=1.4.2} vs {@code version=1.5.0}, or
 * {@code track=baseline} vs {@code track=canary}).
 *
 * @param metrics metric names to judge, a subset of the policy's canary metrics; empty means all of them
 * @param window  how far back to read samples; null means the policy check's window
 * @param waitFor how long the server may keep the evaluation PENDING while the canary lacks data; null means none
 */
public record CanaryRequest(String label, String baseline, String canary, List<String> metrics, Duration window,
                            Duration waitFor) {

    /** The longest wait a request may ask for: evaluations are polled, but must end. */
    public static final Duration MAX_WAIT = Duration.ofHours(2);

    public CanaryRequest {
        GateRequest.requireToken("canary.label", label, 128);
        GateRequest.requireToken("canary.baseline", baseline, 256);
        GateRequest.requireToken("canary.canary", canary, 256);
        if (baseline.equals(canary)) {
            throw new IllegalArgumentException("canary.baseline and canary.canary must differ, both are '" + canary + "'");
        }
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        if (window != null && (window.isZero() || window.isNegative())) {
            throw new IllegalArgumentException("canary.window must be a duration > 0, got " + window);
        }
        if (waitFor != null && (waitFor.isNegative() || waitFor.compareTo(MAX_WAIT) > 0)) {
            throw new IllegalArgumentException("canary.waitFor must be between PT0S and " + MAX_WAIT + ", got " + waitFor);
        }
    }
}
