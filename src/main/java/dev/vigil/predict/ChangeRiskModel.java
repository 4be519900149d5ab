package dev.vigil.predict;

import java.util.List;
import java.util.Optional;

/**
 * A trained, versioned failure-risk model over a fixed list of features. Implementations are immutable and
 * round-trip through {@link ModelCodec} (JSON) with identical predictions.
 */
public sealed interface ChangeRiskModel permits LogisticRiskModel, BoostedTreesRiskModel, CalibratedRiskModel {

    /** Identifies the trained artefact, e.g. {@code lr-20261125-3fa9c2d1}; stored with every prediction. */
    String version();

    /** The algorithm, e.g. {@code logistic-regression}. */
    String kind();

    /** Feature names in the order {@link #predict} expects them. */
    List<String> featureNames();

    /** Probability of failure in [0, 1] for raw (unscaled) feature values. */
    double predict(double[] features);

    /** Every feature's contribution to this prediction, largest absolute push first. */
    List<FeatureContribution> explain(double[] features);

    /** How {@link #predict} maps the raw score to a probability; identity for models stored before calibration. */
    default Calibration calibration() {
        return Calibration.IDENTITY;
    }

    /** Brier score and reliability table of the (calibrated) probabilities on the validation tail, when known. */
    default Optional<Reliability> reliability() {
        return Optional.empty();
    }

    default void checkArity(double[] features) {
        if (features.length != featureNames().size()) {
            throw new IllegalArgumentException(
                    "expected " + featureNames().size() + " features, got " + features.length);
        }
    }
}
