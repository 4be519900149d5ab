package dev.vigil.predict;

import java.util.Objects;

/**
 * One reason behind a prediction, ready to show.
 *
 * @param feature      feature name
 * @param direction    whether it raised or lowered the risk
 * @param contribution signed push on the log-odds of failure
 * @param sentence     e.g. "la = 1200 (lines added) raises the risk (+0.84 log-odds)"
 */
public record Explanation(String feature, FeatureContribution.Direction direction, double contribution,
                          String sentence) {
    public Explanation {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(sentence, "sentence");
    }

    public static Explanation of(FeatureContribution c) {
        return new Explanation(c.feature(), c.direction(), c.contribution(), c.sentence());
    }
}
