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
 * With {@code source: prometheus} every metric has a PromQL {@code query} whose {@code ${scope}} picks canary or
 * baseline, evaluated every {@code step}.
 *
 * @param provider null for {@code source: vigil}
 * @param dryRun   computed, stored and shown, never enforced
 */
public record CanaryCheck(String name, double weight, boolean critical, Source source, String provider, Duration step,
                          Duration window, List<CanaryMetric> metrics, Limits limits, boolean dryRun)
        implements GateCheck {

    public CanaryCheck {
        GateCheck.requireName(name);
        Objects.requireNonNull(source, "source");
        provider = Source.provider(name, source, provider);
        GateCheck.requirePositive(name, "step", step);
        GateCheck.requirePositive(name, "window", window);
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException("check " + name + ": field 'metrics' needs at least one metric");
        }
        metrics = List.copyOf(metrics);
        Set<String> seen = new HashSet<>();
        for (CanaryMetric m : metrics) {
            if (!seen.add(m.name())) {
                throw new IllegalArgumentException("check " + name + ": metric " + m.name() + " is listed twice");
            }
            requireQueryFits(name, source, m);
        }
        Objects.requireNonNull(limits, "limits");
        if (limits.pass() > 100 || limits.warn() < 0) {
            throw new IllegalArgumentException("check " + name + ": pass and warn are canary scores within 0-100");
        }
    }

    @JsonCreator
    static CanaryCheck fromYaml(@JsonProperty("name") String name, @JsonProperty("weight") Double weight,
                                @JsonProperty("critical") Boolean critical, @JsonProperty("source") Source source,
                                @JsonProperty("provider") String provider, @JsonProperty("step") Duration step,
                                @JsonProperty("window") Duration window,
                                @JsonProperty("metrics") List<CanaryMetric> metrics,
                                @JsonProperty("pass") Double pass, @JsonProperty("warn") Double warn,
                                @JsonProperty("dryRun") Boolean dryRun) {
        GateCheck.requireName(name);
        double p = pass == null ? ScoreThresholds.DEFAULT.pass() : pass;
        double w = warn == null ? Math.min(p, ScoreThresholds.DEFAULT.marginal()) : warn;
        return new CanaryCheck(name, GateCheck.weight(name, weight), Boolean.TRUE.equals(critical),
                source == null ? Source.VIGIL : source, provider, step == null ? GateCheck.DEFAULT_STEP : step,
                window == null ? Duration.ofMinutes(10) : window, metrics, new Limits(p, w, false),
                Boolean.TRUE.equals(dryRun));
    }

    private static void requireQueryFits(String check, Source source, CanaryMetric m) {
        if (source == Source.PROMETHEUS) {
            if (m.query() == null || m.query().isBlank() || !m.query().contains("${scope}")) {
                throw new IllegalArgumentException("check " + check + ": metric " + m.name() + " needs a PromQL 'query' "
                        + "with ${scope} where the canary or baseline matcher goes ('source: prometheus')");
            }
            if (!m.labels().isEmpty()) {
                throw new IllegalArgumentException("check " + check + ": metric " + m.name() + " has 'labels', which "
                        + "are for 'source: vigil'; with 'source: prometheus' put the selector in 'query'");
            }
            PromQl.requireKnownPlaceholders(check + " metric " + m.name(), m.query(), true);
        } else if (m.query() != null) {
            throw new IllegalArgumentException("check " + check + ": metric " + m.name()
                    + " has a 'query', which needs 'source: prometheus'");
        }
    }

    @Override
    public CanaryCheck withLimits(Limits newLimits) {
        return new CanaryCheck(name, weight, critical, source, provider, step, window, metrics, newLimits, dryRun);
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
