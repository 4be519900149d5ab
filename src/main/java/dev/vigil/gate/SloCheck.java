package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A limit on a recent metric aggregate. {@code comparison: absolute} holds the aggregate over the last
 * {@code window} against the limits; {@code relative} (as Keptn does) holds the percent change against the same
 * aggregate over the last {@code window} of the previous release. {@code higherIsBetter} turns the limits round.
 */
public record SloCheck(String name, double weight, boolean critical, String metric, Map<String, String> labels,
                       Aggregate aggregate, Duration window, Comparison comparison, boolean higherIsBetter,
                       Limits limits) implements GateCheck {

    /** Absolute value, or percent change against the previous release. */
    public enum Comparison {
        @JsonProperty("absolute") ABSOLUTE,
        @JsonProperty("relative") RELATIVE
    }

    public SloCheck {
        GateCheck.requireName(name);
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("check " + name + ": field 'metric' is required");
        }
        labels = Map.copyOf(labels);
        Objects.requireNonNull(aggregate, "aggregate");
        if (window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("check " + name + ": field 'window' must be a duration > 0, got " + window);
        }
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(limits, "limits");
    }

    @JsonCreator
    static SloCheck fromYaml(@JsonProperty("name") String name, @JsonProperty("weight") Double weight,
                             @JsonProperty("critical") Boolean critical, @JsonProperty("metric") String metric,
                             @JsonProperty("labels") Map<String, String> labels,
                             @JsonProperty("aggregate") Aggregate aggregate, @JsonProperty("window") Duration window,
                             @JsonProperty("comparison") Comparison comparison,
                             @JsonProperty("higherIsBetter") Boolean higherIsBetter,
                             @JsonProperty("pass") Double pass, @JsonProperty("warn") Double warn) {
        GateCheck.requireName(name);
        boolean hib = Boolean.TRUE.equals(higherIsBetter);
        double p = GateCheck.require(name, "pass", pass);
        return new SloCheck(name, GateCheck.weight(name, weight), Boolean.TRUE.equals(critical), metric,
                labels == null ? Map.of() : labels, aggregate == null ? Aggregate.AVG : aggregate,
                window == null ? Duration.ofMinutes(10) : window,
                comparison == null ? Comparison.ABSOLUTE : comparison, hib,
                new Limits(p, warn == null ? p : warn, !hib));
    }

    @Override
    public String kind() {
        return "slo";
    }
}
