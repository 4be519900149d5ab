package dev.vigil.predict;

import java.util.List;
import java.util.Objects;

/**
 * The failure risk of one deploy.
 *
 * @param probability  probability that the deploy fails, in [0, 1]
 * @param riskLevel    {@link RiskLevel} of the probability
 * @param modelVersion version of the model that produced it
 * @param coldStart    true when the shipped model trained on public JIT data was used, not one trained on this
 *                     service's deploys
 * @param explanations the features that pushed the risk most, largest first
 * @param note         one line on the model used and why, for people
 * @param summary      the scored change in plain words (files, directories, lines, who worked on it), e.g.
 *                     "touches 14 files in 5 directories (a, b, c) that 1 developer has worked on, adds ..."
 */
public record Prediction(double probability, RiskLevel riskLevel, String modelVersion, boolean coldStart,
                         List<Explanation> explanations, String note, String summary) {
    public Prediction {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        Objects.requireNonNull(riskLevel, "riskLevel");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(summary, "summary");
        explanations = List.copyOf(explanations);
    }
}
