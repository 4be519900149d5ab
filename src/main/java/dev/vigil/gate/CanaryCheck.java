package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.canary.ScoreThresholds;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The canary-vs-baseline judge as a gate check. Observed value: the canary score 0-100; higher is better, so a
 * score at least {@code pass} passes and at least {@code warn} warns. The request's canary block says how baseline
 * and canary series differ (a label and its two values); {@code window} is used when the request gives none.
 */
public record CanaryCheck(String name, double weight, boolean critical, Duration window, List<CanaryMetric> metrics,
                          Limits limits) implements GateCheck {

    public CanaryCheck {
        GateCheck.requireName(name);
        if (window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("check " + name + ": field 'window' must be a duration > 0, got " + window);
        }
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException("check " + name + ": field 'metrics' needs at least one metric");
        }
        metrics = List.copyOf(metrics);
        Set<String> seen = new HashSet<>();
        for (CanaryMetric m : metrics) {
            if (!seen.add(m.name())) {
                throw new IllegalArgumentException("check " + name + ": metric " + m.name() + " is listed twice");
            }
        }
        Objects.requireNonNull(limits, "limits");
        if (limits.pass() > 100 || limits.warn() < 0) {
            throw new IllegalArgumentException("check " + name + ": pass and warn are canary scores within 0-100");
        }
    }

    @JsonCreator
    static CanaryCheck fromYaml(@JsonProperty("name") String name, @JsonProperty("weight") Double weight,
                                @JsonProperty("critical") Boolean critical, @JsonProperty("window") Duration window,
                                @JsonProperty("metrics") List<CanaryMetric> metrics,
                                @JsonProperty("pass") Double pass, @JsonProperty("warn") Double warn) {
        GateCheck.requireName(name);
        double p = pass == null ? ScoreThresholds.DEFAULT.pass() : pass;
        double w = warn == null ? Math.min(p, ScoreThresholds.DEFAULT.marginal()) : warn;
        return new CanaryCheck(name, GateCheck.weight(name, weight), Boolean.TRUE.equals(critical),
                window == null ? Duration.ofMinutes(10) : window, metrics, new Limits(p, w, false));
    }

    @Override
    public String kind() {
        return "canary";
    }

    /** The judge's score limits: pass as pass, warn as Kayenta's "marginal". */
    public ScoreThresholds thresholds() {
        return new ScoreThresholds(limits.pass(), limits.warn());
    }
}
