package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/** How the samples of an SLO window become one number. */
public enum Aggregate {
    @JsonProperty("avg") AVG,
    @JsonProperty("min") MIN,
    @JsonProperty("max") MAX,
    @JsonProperty("sum") SUM,
    @JsonProperty("count") COUNT,
    @JsonProperty("last") LAST,
    @JsonProperty("p50") P50,
    @JsonProperty("p90") P90,
    @JsonProperty("p95") P95,
    @JsonProperty("p99") P99;

    /** NaN for an empty window (COUNT gives 0). Samples are in time order, so LAST is the newest. */
    public double apply(double[] samples) {
        if (samples.length == 0) {
            return this == COUNT ? 0 : Double.NaN;
        }
        return switch (this) {
            case AVG -> Arrays.stream(samples).average().orElse(Double.NaN);
            case MIN -> Arrays.stream(samples).min().orElse(Double.NaN);
            case MAX -> Arrays.stream(samples).max().orElse(Double.NaN);
            case SUM -> Arrays.stream(samples).sum();
            case COUNT -> samples.length;
            case LAST -> samples[samples.length - 1];
            case P50 -> percentile(samples, 0.50);
            case P90 -> percentile(samples, 0.90);
            case P95 -> percentile(samples, 0.95);
            case P99 -> percentile(samples, 0.99);
        };
    }

    /** Linear interpolation between order statistics (Prometheus' quantile_over_time does the same). */
    static double percentile(double[] samples, double p) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
