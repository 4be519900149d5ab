package dev.vigil.canary;

/** Stage 3 limits: a score at or above {@code pass} passes, at or above {@code marginal} is marginal, else fails. */
public record ScoreThresholds(double pass, double marginal) {

    /** Kayenta's usual limits. */
    public static final ScoreThresholds DEFAULT = new ScoreThresholds(95, 75);

    public ScoreThresholds {
        if (!(marginal >= 0 && marginal <= pass && pass <= 100)) {
            throw new IllegalArgumentException(
                    "score thresholds need 0 <= marginal <= pass <= 100, got pass " + pass + " and marginal " + marginal);
        }
    }
}
