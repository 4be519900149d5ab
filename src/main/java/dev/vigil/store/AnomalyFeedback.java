package dev.vigil.store;

import java.time.Instant;

/**
 * A user's verdict on an anomaly.
 *
 * @param verdict   {@code true_positive} or {@code false_positive}
 * @param createdBy name of the principal that sent it (the token id), or null
 */
public record AnomalyFeedback(long id, String anomalyId, String verdict, String comment, String createdBy, Instant createdAt) {
}
