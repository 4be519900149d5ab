package dev.vigil.canary;

import static dev.vigil.canary.SamplePreparation.mean;
import static dev.vigil.canary.SamplePreparation.meanRatio;
import static dev.vigil.canary.SamplePreparation.prepare;

/**
 * Kayenta's benchmarking classifier: High when the canary mean is above the baseline mean (and increases are
 * watched), Low symmetrically. No significance test, so it is only meant as a baseline for comparisons.
 */
public final class MeanInequalityClassifier implements MetricClassifier {

    @Override
    public MetricClassification classify(MetricSpec spec, double[] canary, double[] baseline) {
        double[] c = prepare(canary, spec.nanStrategy(), spec.outliers());
        double[] b = prepare(baseline, spec.nanStrategy(), spec.outliers());
        MetricClassification early = DataGuards.check(spec, c, b, 0.0);
        if (early != null) {
            return early;
        }
        double mc = mean(c);
        double mb = mean(b);
        String means = "canary mean " + MannWhitneyClassifier.num(mc) + ", baseline mean " + MannWhitneyClassifier.num(mb);
        Label label = Label.PASS;
        if (mc > mb && spec.direction().watchesIncrease()) {
            label = Label.HIGH;
        } else if (mc < mb && spec.direction().watchesDecrease()) {
            label = Label.LOW;
        }
        boolean critical = spec.critical() && label != Label.PASS;
        double ratio = meanRatio(c, b);
        return new MetricClassification(spec.name(), label, critical, ratio, ratio, mc - mb, Double.NaN, Double.NaN,
                c.length, b.length, label == Label.PASS ? "no watched difference of means: " + means : means);
    }
}
