package dev.vigil.detect;

/**
 * The verdict on one point.
 *
 * @param score     anomaly score in [0, 1]; 0 while warming up
 * @param expected  what the detector expected at this time
 * @param lower     lower edge of the normal band (values below it would score above the default threshold)
 * @param upper     upper edge of the normal band
 * @param status    whether this is a judgement or a warm-up placeholder
 * @param component which test produced the evidence
 */
public record AnomalyScore(double score, double expected, double lower, double upper,
                           Status status, Component component) {

    public AnomalyScore {
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        if (status == null || component == null) {
            throw new IllegalArgumentException("status and component are required");
        }
    }

    /** Placeholder while the detector has too little history to judge. */
    public static AnomalyScore warmingUp(double expected, double lower, double upper) {
        return new AnomalyScore(0.0, expected, lower, upper, Status.WARMING_UP, Component.NONE);
    }

    /** Placeholder for a value that could not be scored (NaN, first counter sample). */
    public static AnomalyScore skipped(double expected) {
        return new AnomalyScore(0.0, expected, expected, expected, Status.SKIPPED, Component.NONE);
    }

    public boolean isWarmingUp() {
        return status == Status.WARMING_UP;
    }
}
