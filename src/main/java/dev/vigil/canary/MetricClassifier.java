package dev.vigil.canary;

/** Stage 1 of a canary verdict: label one metric from its canary and baseline samples (raw, NaN allowed). */
public interface MetricClassifier {

    MetricClassification classify(MetricSpec spec, double[] canary, double[] baseline);
}
