package dev.vigil.predict;

import java.util.Locale;
import java.util.Objects;

/**
 * How much one feature moved one prediction, in the model's log-odds (for logistic regression: coefficient times
 * standardised value, i.e. relative to an average training change; for boosted trees: the TreeSHAP value).
 *
 * @param feature      feature name, as in the model's feature list
 * @param value        the raw feature value of the explained change
 * @param contribution signed push on the log-odds of failure; positive raises the risk
 */
public record FeatureContribution(String feature, double value, double contribution) {

    public enum Direction { RAISES, LOWERS }

    public FeatureContribution {
        Objects.requireNonNull(feature, "feature");
        if (!Double.isFinite(contribution)) {
            throw new IllegalArgumentException("contribution of " + feature + " must be finite, got " + contribution);
        }
    }

    public Direction direction() {
        return contribution >= 0 ? Direction.RAISES : Direction.LOWERS;
    }

    /** A sentence a person can read, e.g. "la = 1200 (lines added) raises the risk (+0.84 log-odds)". */
    public String sentence() {
        return String.format(Locale.ROOT, "%s = %s (%s) %s the risk (%+.2f log-odds)", feature, format(value),
                FeatureGlossary.describe(feature), direction() == Direction.RAISES ? "raises" : "lowers",
                contribution);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
