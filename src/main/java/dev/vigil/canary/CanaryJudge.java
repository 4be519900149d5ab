package dev.vigil.canary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Kayenta-style canary judge in three visible stages: classify each metric, combine the labels into a weighted
 * score, compare the score with the pass/marginal limits.
 *
 * <p>One deliberate difference from Kayenta's scorer: a critical metric without data makes the canary
 * INCONCLUSIVE rather than FAIL, so that "we could not tell" is never reported as "the release is bad"; what
 * INCONCLUSIVE means for a release is the gate policy's choice.
 */
public final class CanaryJudge {

    private final MetricClassifier classifier;

    public CanaryJudge(MetricClassifier classifier) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    public CanaryResult judge(List<MetricSpec> specs, Map<String, SamplePair> data, ScoreThresholds thresholds) {
        List<MetricClassification> metrics = classify(specs, data);
        CanaryScore score = score(specs, metrics);
        return decide(score, metrics, thresholds);
    }

    /** Stage 1. A metric with no samples at all is classified from two empty samples. */
    public List<MetricClassification> classify(List<MetricSpec> specs, Map<String, SamplePair> data) {
        Set<String> names = new HashSet<>();
        List<MetricClassification> out = new ArrayList<>();
        for (MetricSpec spec : specs) {
            if (!names.add(spec.name())) {
                throw new IllegalArgumentException("metric " + spec.name() + " is configured twice");
            }
            SamplePair pair = data.getOrDefault(spec.name(), new SamplePair(new double[0], new double[0]));
            out.add(classifier.classify(spec, pair.canary(), pair.baseline()));
        }
        return out;
    }

    /** Stage 2: weighted share of passing metrics among those with data; NoData metrics leave the denominator. */
    public CanaryScore score(List<MetricSpec> specs, List<MetricClassification> metrics) {
        double total = 0;
        double passed = 0;
        List<String> criticalFailures = new ArrayList<>();
        List<String> criticalNoData = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            MetricClassification m = metrics.get(i);
            if (m.failsCanary()) {
                (m.label() == Label.NODATA ? criticalNoData : criticalFailures).add(m.metric());
            }
            if (m.label() != Label.NODATA) {
                total += specs.get(i).weight();
                passed += m.label() == Label.PASS ? specs.get(i).weight() : 0;
            }
        }
        double score = total == 0 ? Double.NaN : 100 * passed / total;
        String reason = total == 0 ? "no metric has enough data to score"
                : String.format(Locale.ROOT, "%.1f%% of the weight of the metrics with data passes (%d of %d metrics judged)",
                        score, metrics.stream().filter(m -> m.label() != Label.NODATA).count(), metrics.size());
        return new CanaryScore(score, criticalFailures, criticalNoData, reason);
    }

    /** Stage 3. */
    public CanaryResult decide(CanaryScore score, List<MetricClassification> metrics, ScoreThresholds limits) {
        if (!score.criticalFailures().isEmpty()) {
            return new CanaryResult(CanaryVerdict.FAIL, score, metrics,
                    "critical metric failed: " + String.join(", ", score.criticalFailures()));
        }
        if (!score.criticalNoData().isEmpty()) {
            return new CanaryResult(CanaryVerdict.INCONCLUSIVE, score, metrics,
                    "critical metric without enough data: " + String.join(", ", score.criticalNoData()));
        }
        if (Double.isNaN(score.score())) {
            return new CanaryResult(CanaryVerdict.INCONCLUSIVE, score, metrics, score.reason());
        }
        String s = String.format(Locale.ROOT, "score %.1f", score.score());
        if (score.score() >= limits.pass()) {
            return new CanaryResult(CanaryVerdict.PASS, score, metrics, s + " >= pass limit " + limits.pass());
        }
        if (score.score() >= limits.marginal()) {
            return new CanaryResult(CanaryVerdict.MARGINAL, score, metrics,
                    s + " is below pass limit " + limits.pass() + " but >= marginal limit " + limits.marginal());
        }
        return new CanaryResult(CanaryVerdict.FAIL, score, metrics, s + " is below marginal limit " + limits.marginal());
    }
}
