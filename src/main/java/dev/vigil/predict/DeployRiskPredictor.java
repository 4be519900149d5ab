package dev.vigil.predict;

import dev.vigil.git.ChangeFeatures;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Scores a deploy: with the service's own model (change + service features) once one has been trained, otherwise
 * with the cold-start model on the change features alone, and says which. A deploy's commit range is scored as
 * one change (the range aggregate), which is what the per-service model is trained on too.
 */
public final class DeployRiskPredictor {

    /**
     * @param topExplanations how many reasons to return
     * @param thresholds      risk-level cut-offs
     */
    public record Options(int topExplanations, RiskLevel.Thresholds thresholds) {
        public Options {
            if (topExplanations < 1) {
                throw new IllegalArgumentException("topExplanations must be >= 1, got " + topExplanations);
            }
            Objects.requireNonNull(thresholds, "thresholds");
        }

        public static Options defaults() {
            return new Options(5, RiskLevel.Thresholds.defaults());
        }
    }

    private final ChangeRiskModel coldStart;
    private final Function<String, Optional<ChangeRiskModel>> serviceModels;
    private final Options options;

    /**
     * @param coldStart     model over {@link ChangeFeatures#NAMES}, usually {@link ColdStartModel#load()}
     * @param serviceModels the trained model of a service over {@link DeployFeatures#NAMES}, if any
     */
    public DeployRiskPredictor(ChangeRiskModel coldStart, Function<String, Optional<ChangeRiskModel>> serviceModels,
                               Options options) {
        if (!coldStart.featureNames().equals(ChangeFeatures.NAMES)) {
            throw new IllegalArgumentException("cold-start model must use features " + ChangeFeatures.NAMES
                    + ", got " + coldStart.featureNames());
        }
        this.coldStart = coldStart;
        this.serviceModels = serviceModels;
        this.options = options;
    }

    public Prediction predict(String service, ChangeFeatures change, ServiceFeatures serviceFeatures) {
        Optional<ChangeRiskModel> own = serviceModels.apply(service);
        if (own.isPresent()) {
            ChangeRiskModel model = own.get();
            if (!model.featureNames().equals(DeployFeatures.NAMES)) {
                throw new IllegalStateException("model " + model.version() + " of service " + service
                        + " expects features " + model.featureNames() + ", expected " + DeployFeatures.NAMES);
            }
            return score(model, DeployFeatures.combine(change, serviceFeatures), false,
                    "model " + model.version() + " trained on the deploys of " + service);
        }
        return score(coldStart, change.toArray(), true, "cold start: " + service + " has no trained model yet, so the"
                + " change was scored by " + coldStart.version() + ", trained on public just-in-time defect data");
    }

    private Prediction score(ChangeRiskModel model, double[] x, boolean cold, String note) {
        double p = model.predict(x);
        List<Explanation> top = model.explain(x).stream().limit(options.topExplanations())
                .map(Explanation::of).toList();
        return new Prediction(p, options.thresholds().of(p), model.version(), cold, top, note);
    }
}
