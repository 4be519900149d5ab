package dev.vigil.canary;

import java.util.Objects;

/** The raw canary and baseline samples of one metric (NaN allowed; the metric's NaN strategy applies). */
public record SamplePair(double[] canary, double[] baseline) {

    public SamplePair {
        Objects.requireNonNull(canary, "canary samples");
        Objects.requireNonNull(baseline, "baseline samples");
        canary = canary.clone();
        baseline = baseline.clone();
    }

    @Override
    public double[] canary() {
        return canary.clone();
    }

    @Override
    public double[] baseline() {
        return baseline.clone();
    }
}
