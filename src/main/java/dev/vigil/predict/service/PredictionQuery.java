package dev.vigil.predict.service;

import java.time.Instant;

/**
 * Filters for listing predictions; null means "any". The time range applies to when the prediction was made
 * ({@code from} inclusive, {@code to} exclusive).
 */
public record PredictionQuery(String service, String environment, String riskLevel, String status, String deployId,
                              Instant from, Instant to) {
}
