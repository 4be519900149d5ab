package dev.vigil.canary;

import static dev.vigil.canary.SamplePreparation.cles;
import static dev.vigil.canary.SamplePreparation.meanRatio;
import static dev.vigil.canary.SamplePreparation.prepare;

import java.util.Locale;

/**
 * Kayenta's per-metric classifier: a Mann-Whitney confidence interval on the location shift must clear
 * {@code tolerance * |estimate|} in a watched direction, and the effect size must pass its gate, for High or Low.
 * Vigil adds a minimum sample size (too few points is NoData, never a guess) and requires the rank test itself to
 * reject "no shift", which only matters when the interval collapses onto a tie at zero (see docs/gates.md).
 */
public final class MannWhitneyClassifier implements MetricClassifier {

    @Override
    public MetricClassification classify(MetricSpec spec, double[] canary, double[] baseline) {
        double[] c = prepare(canary, spec.nanStrategy(), spec.outliers());
        double[] b = prepare(baseline, spec.nanStrategy(), spec.outliers());
        MetricClassification early = DataGuards.check(spec, c, b, 1.0);
        if (early != null) {
            return early;
        }
        if (SamplePreparation.sameMultiset(c, b)) {
            return pass(spec, 1.0, Double.NaN, null, c, b, "canary and baseline samples are identical");
        }
        if (SamplePreparation.singleDistinctValue(c, b)) {
            return pass(spec, 1.0, Double.NaN, null, c, b, "every canary and baseline point has the same value");
        }
        ShiftInterval shift = RankShiftInterval.run(c, b, spec.confidence());
        double deviation = meanRatio(c, b);
        double effect = spec.effectSize().measure() == EffectSizeMeasure.CLES ? cles(c, b) : deviation;
        return label(spec, shift, deviation, effect, c, b);
    }

    private static MetricClassification label(MetricSpec spec, ShiftInterval shift, double deviation,
                                              double effect, double[] c, double[] b) {
        EffectSizeLimits limits = spec.effectSize();
        double bound = spec.tolerance() * Math.abs(shift.estimate());
        boolean higher = shift.significantlyHigher() && shift.lower() >= bound;
        boolean lower = shift.significantlyLower() && shift.upper() <= -bound;
        if (higher && spec.direction().watchesIncrease()) {
            if (gate(effect >= limits.allowedIncrease(), effect)) {
                boolean critical = spec.critical() && gate(effect >= limits.criticalIncrease(), effect);
                return result(spec, Label.HIGH, critical, deviation, effect, shift, c, b,
                        "canary is significantly higher than baseline: " + describe(spec, shift, effect));
            }
            return pass(spec, deviation, effect, shift, c, b, "canary is significantly higher but its effect size "
                    + num(effect) + " is below allowedIncrease " + num(limits.allowedIncrease()));
        }
        if (lower && spec.direction().watchesDecrease()) {
            if (gate(effect <= limits.allowedDecrease(), effect)) {
                boolean critical = spec.critical() && gate(effect <= limits.criticalDecrease(), effect);
                return result(spec, Label.LOW, critical, deviation, effect, shift, c, b,
                        "canary is significantly lower than baseline: " + describe(spec, shift, effect));
            }
            return pass(spec, deviation, effect, shift, c, b, "canary is significantly lower but its effect size "
                    + num(effect) + " is above allowedDecrease " + num(limits.allowedDecrease()));
        }
        if (higher || lower) {
            return pass(spec, deviation, effect, shift, c, b, "canary is significantly " + (higher ? "higher" : "lower")
                    + ", a change that direction " + spec.direction().name().toLowerCase(Locale.ROOT) + " allows");
        }
        return pass(spec, deviation, effect, shift, c, b, "no significant shift: " + describe(spec, shift, effect));
    }

    /** An undefined effect size (a zero mean) cannot veto a significant change, as in Kayenta. */
    private static boolean gate(boolean passes, double effect) {
        return Double.isNaN(effect) || passes;
    }

    private static String describe(MetricSpec spec, ShiftInterval s, double effect) {
        return "shift " + num(s.estimate()) + ", " + Math.round(spec.confidence() * 100) + "% interval ["
                + num(s.lower()) + ", " + num(s.upper()) + "], tolerance " + num(spec.tolerance() * Math.abs(s.estimate()))
                + ", " + spec.effectSize().measure().name().toLowerCase(Locale.ROOT) + " " + num(effect);
    }

    static String num(double v) {
        return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static MetricClassification pass(MetricSpec spec, double deviation, double effect, ShiftInterval shift,
                                             double[] c, double[] b, String reason) {
        return result(spec, Label.PASS, false, deviation, effect, shift, c, b, reason);
    }

    private static MetricClassification result(MetricSpec spec, Label label, boolean critical, double deviation,
                                               double effect, ShiftInterval s, double[] c, double[] b, String reason) {
        return new MetricClassification(spec.name(), label, critical, deviation, effect,
                s == null ? Double.NaN : s.estimate(), s == null ? Double.NaN : s.lower(),
                s == null ? Double.NaN : s.upper(), c.length, b.length, reason);
    }
}
