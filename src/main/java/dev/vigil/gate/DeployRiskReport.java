package dev.vigil.gate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The failure prediction Vigil made for a gated release, as the decision page shows it.
 *
 * @param probability predicted probability that the deploy fails, 0-1
 * @param level       the risk level in words (LOW, MEDIUM, HIGH)
 * @param reasons     the prediction's reasons in plain words, largest push first; possibly empty
 */
public record DeployRiskReport(double probability, String level, String modelVersion, List<String> reasons,
                               Instant predictedAt) {

    public DeployRiskReport {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be within 0-1, got " + probability);
        }
        Objects.requireNonNull(level, "level");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(predictedAt, "predictedAt");
    }

    /** The port: the prediction already stored for the request's release. Never predicts (a page view mines nothing). */
    public interface Source {
        Optional<DeployRiskReport> of(GateRequest request);
    }
}
