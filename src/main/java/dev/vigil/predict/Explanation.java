package dev.vigil.predict;

import java.util.Objects;

/**
 * One reason behind a prediction, ready to show.
 *
 * @param feature      feature name
 * @param direction    whether it raised or lowered the risk
 * @param contribution signed push on the log-odds of failure
 * @param sentence     e.g. "la = 1200 (lines added) raises the risk (+0.84 log-odds)"
 * @param reason       the same in plain words from the change's facts, e.g. "adds 1,200 lines and deletes 30 (raises
 *                     the risk)" ({@link ChangeReasons})
 */
public record Explanation(String feature, FeatureContribution.Direction direction, double contribution,
                          String sentence, String reason) {
    public Explanation {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(sentence, "sentence");
        Objects.requireNonNull(reason, "reason");
    }

    public static Explanation of(FeatureContribution c, ChangeReasons reasons) {
        return new Explanation(c.feature(), c.direction(), c.contribution(), c.sentence(), reasons.reason(c));
    }
}
