package dev.vigil.canary;

import java.util.List;

/**
 * Stage 2 of a canary verdict.
 *
 * @param score            0-100, the weighted share of metrics with data that pass; NaN when none has data
 * @param criticalFailures metrics whose critical High/Low fails the canary regardless of the score
 * @param criticalNoData   critical metrics without data: the canary cannot be judged
 * @param reason           how the score came about, one sentence
 */
public record CanaryScore(double score, List<String> criticalFailures, List<String> criticalNoData, String reason) {

    public CanaryScore {
        criticalFailures = List.copyOf(criticalFailures);
        criticalNoData = List.copyOf(criticalNoData);
        if (!Double.isNaN(score) && (score < 0 || score > 100)) {
            throw new IllegalArgumentException("score must be within 0-100, got " + score);
        }
    }
}
