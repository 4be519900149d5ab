package dev.vigil.gate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.canary.EffectSizeLimits;
import dev.vigil.canary.EffectSizeMeasure;
import dev.vigil.canary.MetricSpec;
import dev.vigil.canary.NanStrategy;
import dev.vigil.canary.OutlierPolicy;
import dev.vigil.core.Direction;
import java.util.Map;
import java.util.Objects;

/**
 * One metric of a canary check, as written in a policy: the judge's {@link MetricSpec} plus series labels
 * ({@code source: vigil}) or a PromQL query ({@code source: prometheus}; null otherwise).
 */
public record CanaryMetric(MetricSpec spec, Map<String, String> labels, String query) {

    /** Effect-size block of the YAML. */
    public record EffectSize(Measure measure, Double allowedIncrease, Double allowedDecrease, Double criticalIncrease,
                             Double criticalDecrease) {
        EffectSizeLimits toLimits() {
            EffectSizeMeasure m = measure == Measure.CLES ? EffectSizeMeasure.CLES : EffectSizeMeasure.MEAN_RATIO;
            EffectSizeLimits d = EffectSizeLimits.defaults(m);
            return new EffectSizeLimits(m, or(allowedIncrease, d.allowedIncrease()), or(allowedDecrease, d.allowedDecrease()),
                    or(criticalIncrease, d.criticalIncrease()), or(criticalDecrease, d.criticalDecrease()));
        }
    }

    /** Effect-size measure names in YAML. */
    public enum Measure {
        @JsonProperty("meanRatio") MEAN_RATIO,
        @JsonProperty("cles") CLES
    }

    /** Outlier block of the YAML: {@code strategy: keep|remove}, {@code factor} (IQR multiple, default 3.0). */
    public record Outliers(Strategy strategy, Double factor) {
        OutlierPolicy toPolicy() {
            double f = or(factor, 3.0);
            return strategy == Strategy.REMOVE ? OutlierPolicy.removeBeyond(f) : new OutlierPolicy(false, f);
        }
    }

    /** Outlier strategies. */
    public enum Strategy {
        @JsonProperty("keep") KEEP,
        @JsonProperty("remove") REMOVE
    }

    public CanaryMetric {
        Objects.requireNonNull(spec, "spec");
        labels = Map.copyOf(labels);
    }

    @JsonCreator
    static CanaryMetric fromYaml(@JsonProperty("name") String name, @JsonProperty("weight") Double weight,
                                 @JsonProperty("direction") Direction direction,
                                 @JsonProperty("nanStrategy") @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES) NanStrategy nans,
                                 @JsonProperty("critical") Boolean critical,
                                 @JsonProperty("mustHaveData") Boolean mustHaveData,
                                 @JsonProperty("effectSize") EffectSize effectSize,
                                 @JsonProperty("tolerance") Double tolerance,
                                 @JsonProperty("confidence") Double confidence,
                                 @JsonProperty("minSamples") Integer minSamples,
                                 @JsonProperty("outliers") Outliers outliers,
                                 @JsonProperty("labels") Map<String, String> labels,
                                 @JsonProperty("query") String query) {
        if (direction == null) {
            throw new IllegalArgumentException("canary metric " + name + ": field 'direction' is required: say which "
                    + "change is worse, " + Direction.ACCEPTED);
        }
        MetricSpec spec = new MetricSpec(name, or(weight, 1.0), direction, nans == null ? NanStrategy.REMOVE : nans,
                Boolean.TRUE.equals(critical), Boolean.TRUE.equals(mustHaveData),
                effectSize == null ? EffectSizeLimits.defaults(EffectSizeMeasure.MEAN_RATIO) : effectSize.toLimits(),
                or(tolerance, MetricSpec.DEFAULT_TOLERANCE), or(confidence, MetricSpec.DEFAULT_CONFIDENCE),
                minSamples == null ? MetricSpec.DEFAULT_MIN_SAMPLES : minSamples,
                outliers == null ? OutlierPolicy.KEEP : outliers.toPolicy());
        return new CanaryMetric(spec, labels == null ? Map.of() : labels, query);
    }

    public String name() {
        return spec.name();
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}
