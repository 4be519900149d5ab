package dev.vigil.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.Direction;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanaryJudgeTest {

    private final CanaryJudge judge = new CanaryJudge(new MannWhitneyClassifier());
    private final MetricSpec latency = MetricSpec.of("latency", Direction.UP);

    private static double[] normal(long seed, int n, double mean, double sd) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * r.nextGaussian();
        }
        return v;
    }

    private CanaryResult judgeOne(MetricSpec spec, double[] canary, double[] baseline) {
        return judge.judge(List.of(spec), Map.of(spec.name(), new SamplePair(canary, baseline)), ScoreThresholds.DEFAULT);
    }

    @Test
    void passesIdenticalDistributions() {
        CanaryResult r = judgeOne(latency, normal(1, 60, 100, 10), normal(2, 60, 100, 10));
        assertEquals(CanaryVerdict.PASS, r.verdict(), r.metrics().get(0).reason());
        assertEquals(100.0, r.score().score());
    }

    @Test
    void failsWhenCanaryLatencyShiftsUp() {
        CanaryResult r = judgeOne(latency, normal(1, 60, 130, 10), normal(2, 60, 100, 10));
        assertEquals(CanaryVerdict.FAIL, r.verdict());
        assertEquals(Label.HIGH, r.metrics().get(0).label());
        assertTrue(r.metrics().get(0).reason().startsWith("canary is significantly higher"));
        assertEquals(0.0, r.score().score());
    }

    @Test
    void isInconclusiveWithTooFewPoints() {
        CanaryResult r = judgeOne(latency, normal(1, 5, 300, 10), normal(2, 5, 100, 10));
        assertEquals(CanaryVerdict.INCONCLUSIVE, r.verdict());
        assertEquals(Label.NODATA, r.metrics().get(0).label());
        assertTrue(r.metrics().get(0).reason().contains("minSamples is 10"));
    }

    @Test
    void doesNotFailAHigherIsBetterMetricThatRises() {
        MetricSpec throughput = MetricSpec.of("throughput", Direction.DOWN);
        CanaryResult r = judgeOne(throughput, normal(1, 60, 1500, 50), normal(2, 60, 1000, 50));
        assertEquals(CanaryVerdict.PASS, r.verdict());
        assertTrue(r.metrics().get(0).reason().contains("direction down allows"), r.metrics().get(0).reason());
    }

    @Test
    void failsAHigherIsBetterMetricThatDrops() {
        MetricSpec throughput = MetricSpec.of("throughput", Direction.DOWN);
        CanaryResult r = judgeOne(throughput, normal(1, 60, 600, 50), normal(2, 60, 1000, 50));
        assertEquals(Label.LOW, r.metrics().get(0).label());
        assertEquals(CanaryVerdict.FAIL, r.verdict());
    }

    @Test
    void weighsMetricsIntoAMarginalScore() {
        MetricSpec errors = MetricSpec.of("errors", Direction.UP).withWeight(1);
        MetricSpec lat = latency.withWeight(4);
        Map<String, SamplePair> data = Map.of(
                "latency", new SamplePair(normal(1, 60, 100, 10), normal(2, 60, 100, 10)),
                "errors", new SamplePair(normal(3, 60, 20, 2), normal(4, 60, 10, 2)));
        CanaryResult r = judge.judge(List.of(lat, errors), data, new ScoreThresholds(90, 75));
        assertEquals(80.0, r.score().score(), 1e-9);
        assertEquals(CanaryVerdict.MARGINAL, r.verdict());
        assertEquals(List.of("errors"), r.failedMetrics().stream().map(MetricClassification::metric).toList());
    }

    @Test
    void aCriticalMetricFailsTheCanaryWhateverTheScore() {
        MetricSpec errors = MetricSpec.of("errors", Direction.UP).withWeight(1).withCritical(true);
        Map<String, SamplePair> data = Map.of(
                "latency", new SamplePair(normal(1, 60, 100, 10), normal(2, 60, 100, 10)),
                "errors", new SamplePair(normal(3, 60, 20, 2), normal(4, 60, 10, 2)));
        CanaryResult r = judge.judge(List.of(latency.withWeight(99), errors), data, ScoreThresholds.DEFAULT);
        assertEquals(CanaryVerdict.FAIL, r.verdict());
        assertTrue(r.reason().contains("critical metric failed: errors"));
    }

    @Test
    void aCriticalMetricWithoutDataMakesTheCanaryInconclusive() {
        MetricSpec errors = MetricSpec.of("errors", Direction.UP).withCritical(true);
        Map<String, SamplePair> data = Map.of("latency", new SamplePair(normal(1, 60, 100, 10), normal(2, 60, 100, 10)));
        CanaryResult r = judge.judge(List.of(latency, errors), data, ScoreThresholds.DEFAULT);
        assertEquals(CanaryVerdict.INCONCLUSIVE, r.verdict());
    }

    @Test
    void removesOutliersBeforeTheTestWhenAsked() {
        double[] baseline = normal(2, 60, 100, 5);
        double[] canary = normal(1, 60, 100, 5);
        canary[0] = 5000; // two spikes, e.g. a GC pause on one canary host
        canary[1] = 7000;
        MetricClassification kept = new MannWhitneyClassifier().classify(latency, canary, baseline);
        assertEquals(60, kept.canaryCount());
        assertTrue(kept.deviation() > 2, "spikes dominate the mean ratio: " + kept.deviation());
        MetricSpec robust = latency.withOutliers(OutlierPolicy.removeBeyond(3.0));
        MetricClassification removed = new MannWhitneyClassifier().classify(robust, canary, baseline);
        assertEquals(Label.PASS, removed.label());
        assertEquals(58, removed.canaryCount());
        assertEquals(1.0, removed.deviation(), 0.05);
    }

    @Test
    void swappingCanaryAndBaselineTurnsHighIntoLow() {
        MetricSpec either = MetricSpec.of("latency", Direction.BOTH);
        double[] slow = normal(1, 40, 130, 10);
        double[] fast = normal(2, 40, 100, 10);
        MannWhitneyClassifier c = new MannWhitneyClassifier();
        MetricClassification up = c.classify(either, slow, fast);
        MetricClassification down = c.classify(either, fast, slow);
        assertEquals(Label.HIGH, up.label());
        assertEquals(Label.LOW, down.label());
        assertEquals(up.estimate(), -down.estimate(), 1e-9);
        assertEquals(up.lower(), -down.upper(), 1e-9);
    }

    @Test
    void rejectsAMetricConfiguredTwice() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> judge.classify(List.of(latency, latency), Map.of()));
        assertEquals("metric latency is configured twice", e.getMessage());
    }

    @Test
    void dropsNanPointsUnderRemoveAndCountsThemAsZeroUnderReplace() {
        double[] canary = {Double.NaN, Double.NaN};
        MetricClassification removed = new MannWhitneyClassifier().classify(latency, canary, normal(2, 20, 1, 0.1));
        assertEquals(Label.NODATA, removed.label());
        MetricSpec replace = new MetricSpec("errors", 1, Direction.UP, NanStrategy.REPLACE, false, false,
                EffectSizeLimits.defaults(EffectSizeMeasure.MEAN_RATIO), 0.25, 0.98, 1, OutlierPolicy.KEEP);
        assertEquals(2, new MannWhitneyClassifier().classify(replace, canary, new double[] {0, 0}).canaryCount());
    }
}
