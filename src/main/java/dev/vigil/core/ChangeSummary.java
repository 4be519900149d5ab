package dev.vigil.core;

import java.util.List;
import java.util.Objects;

/**
 * A deploy's change in plain words, as its failure prediction described it: what the gate's answer and an anomaly
 * attributed to the deploy show, so a person sees what changed without opening the prediction. Shared vocabulary
 * because the gate and detection show it and neither may import prediction.
 *
 * @param predictionId the prediction it comes from ({@code GET /api/v1/predictions/{id}})
 * @param probability  the predicted failure probability, 0-1
 * @param riskLevel    {@code LOW}, {@code MEDIUM} or {@code HIGH}
 * @param summary      the change, e.g. "touches 14 files in 5 directories (src/net, src/io, docs, ...) that 1
 *                     developer has worked on, adds 1,200 lines and deletes 30, by an author with 3 earlier changes"
 * @param reasons      the reasons that pushed the probability most, in plain words, largest first, e.g. "adds 1,200
 *                     lines and deletes 30 (raises the risk)"
 */
public record ChangeSummary(String predictionId, double probability, String riskLevel, String summary,
                            List<String> reasons) {

    /** How many reasons are shown beside the summary. */
    public static final int REASONS = 3;

    public ChangeSummary {
        Objects.requireNonNull(predictionId, "predictionId");
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        Objects.requireNonNull(riskLevel, "riskLevel");
        Objects.requireNonNull(summary, "summary");
        reasons = List.copyOf(reasons);
    }
}
