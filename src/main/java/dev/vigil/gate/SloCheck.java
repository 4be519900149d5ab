package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A limit on a recent metric aggregate. {@code comparison: absolute} holds the aggregate over the window against
 * the limits; {@code relative} (as Keptn does) holds the percent change against the same aggregate over the last
 * {@code window} of the previous release. {@code higherIsBetter} turns the limits round.
 *
 * <p>The window is the last {@code window} before the evaluation ({@code anchor: now}) or the first {@code window}
 * after the request's {@code deployedAt} ({@code anchor: deploy}; while it is not over, the part so far). Samples
 * come from Vigil's own data ({@code metric} and {@code labels}) or from a Prometheus provider ({@code query}, a
 * PromQL expression evaluated every {@code step}).
 *
 * @param provider null for {@code source: vigil}
 * @param metric   null for {@code source: prometheus}
 * @param query    PromQL with placeholders ({@link PromQl}); null for {@code source: vigil}
 * @param dryRun   computed, stored and shown, never enforced
 */
public record SloCheck(String name, double weight, boolean critical, Source source, String provider, String metric,
                       Map<String, String> labels, String query, Duration step, Aggregate aggregate, Duration window,
                       Anchor anchor, Comparison comparison, boolean higherIsBetter, Limits limits, boolean dryRun)
        implements GateCheck {

    /** Absolute value, or percent change against the previous release. */
    public enum Comparison {
        @JsonProperty("absolute") ABSOLUTE,
        @JsonProperty("relative") RELATIVE
    }

    /** Where the current window sits: just before the evaluation, or just after the deploy. */
    public enum Anchor {
        @JsonProperty("now") NOW,
        @JsonProperty("deploy") DEPLOY
    }

    public SloCheck {
        GateCheck.requireName(name);
        Objects.requireNonNull(source, "source");
        if (source == Source.VIGIL && (metric == null || metric.isBlank())) {
            throw new IllegalArgumentException("check " + name + ": field 'metric' is required");
        }
        if (source == Source.VIGIL && query != null) {
            throw new IllegalArgumentException("check " + name + ": field 'query' needs 'source: prometheus'");
        }
        if (source == Source.PROMETHEUS) {
            if (query == null || query.isBlank()) {
                throw new IllegalArgumentException("check " + name + ": field 'query' (PromQL) is required with "
                        + "'source: prometheus'");
            }
            if (metric != null || !labels.isEmpty()) {
                throw new IllegalArgumentException("check " + name + ": fields 'metric' and 'labels' are for "
                        + "'source: vigil'; with 'source: prometheus' put the selector in 'query'");
            }
            PromQl.requireKnownPlaceholders(name, query, false);
        }
        provider = Source.provider(name, source, provider);
        labels = Map.copyOf(labels);
        GateCheck.requirePositive(name, "step", step);
        Objects.requireNonNull(aggregate, "aggregate");
        GateCheck.requirePositive(name, "window", window);
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(limits, "limits");
    }

    @JsonCreator
    static SloCheck fromYaml(@JsonProperty("name") String name, @JsonProperty("weight") Double weight,
                             @JsonProperty("critical") Boolean critical, @JsonProperty("source") Source source,
                             @JsonProperty("provider") String provider, @JsonProperty("metric") String metric,
                             @JsonProperty("labels") Map<String, String> labels, @JsonProperty("query") String query,
                             @JsonProperty("step") Duration step,
                             @JsonProperty("aggregate") Aggregate aggregate, @JsonProperty("window") Duration window,
                             @JsonProperty("anchor") Anchor anchor,
                             @JsonProperty("comparison") Comparison comparison,
                             @JsonProperty("higherIsBetter") Boolean higherIsBetter,
                             @JsonProperty("pass") Double pass, @JsonProperty("warn") Double warn,
                             @JsonProperty("dryRun") Boolean dryRun) {
        GateCheck.requireName(name);
        boolean hib = Boolean.TRUE.equals(higherIsBetter);
        double p = GateCheck.require(name, "pass", pass);
        return new SloCheck(name, GateCheck.weight(name, weight), Boolean.TRUE.equals(critical),
                source == null ? Source.VIGIL : source, provider, metric, labels == null ? Map.of() : labels, query,
                step == null ? GateCheck.DEFAULT_STEP : step, aggregate == null ? Aggregate.AVG : aggregate,
                window == null ? Duration.ofMinutes(10) : window, anchor == null ? Anchor.NOW : anchor,
                comparison == null ? Comparison.ABSOLUTE : comparison, hib,
                new Limits(p, warn == null ? p : warn, !hib), Boolean.TRUE.equals(dryRun));
    }

    @Override
    public SloCheck withLimits(Limits newLimits) {
        return new SloCheck(name, weight, critical, source, provider, metric, labels, query, step, aggregate, window,
                anchor, comparison, higherIsBetter, newLimits, dryRun);
    }

    @Override
    public String kind() {
        return "slo";
    }
}
