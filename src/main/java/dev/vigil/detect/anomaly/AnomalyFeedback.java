package dev.vigil.detect.anomaly;

import java.time.Instant;

/**
 * A user's verdict on an anomaly.
 *
 * @param verdict   {@code true_positive} or {@code false_positive}
 * @param createdBy name of the principal that sent it (the token id), or null
 */
public record AnomalyFeedback(long id, String anomalyId, String verdict, String comment, String createdBy, Instant createdAt) {

    public static final String FALSE_POSITIVE = "false_positive";

    /**
     * SQL condition (one parameter: {@link #FALSE_POSITIVE}) that holds unless the anomaly whose id is in
     * {@code anomalyIdColumn} was marked a false positive by its latest verdict. A false positive counts nowhere: not
     * in gate checks, not as a failed-deploy label; a later verdict can take the mark back.
     */
    public static String notMarkedFalsePositive(String anomalyIdColumn) {
        return "NOT EXISTS (SELECT 1 FROM anomaly_feedback f WHERE f.anomaly_id = " + anomalyIdColumn
                + " AND f.verdict = ? AND f.id = (SELECT MAX(g.id) FROM anomaly_feedback g WHERE g.anomaly_id = "
                + anomalyIdColumn + "))";
    }
}
