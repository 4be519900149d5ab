package dev.vigil.predict;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trained model with the {@link Calibration} fitted on its validation tail, and the reliability of the calibrated
 * probabilities on that tail (in-sample for the two calibration parameters, out-of-sample for the model).
 * Explanations are the base model's contributions times the calibration slope, so they add up to the calibrated
 * log-odds minus a constant, as the base model's add up to its own.
 */
public record CalibratedRiskModel(ChangeRiskModel base, Calibration calibration, Reliability validation)
        implements ChangeRiskModel {

    public CalibratedRiskModel {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(calibration, "calibration");
        if (base instanceof CalibratedRiskModel) {
            throw new IllegalArgumentException("model " + base.version() + " is calibrated already");
        }
    }

    @Override
    public String version() {
        return base.version();
    }

    @Override
    public String kind() {
        return base.kind();
    }

    @Override
    public List<String> featureNames() {
        return base.featureNames();
    }

    @Override
    public double predict(double[] features) {
        return calibration.apply(base.predict(features));
    }

    @Override
    public List<FeatureContribution> explain(double[] features) {
        return base.explain(features).stream()
                .map(c -> new FeatureContribution(c.feature(), c.value(), c.contribution() * calibration.slope()))
                .toList();
    }

    @Override
    public Optional<Reliability> reliability() {
        return Optional.ofNullable(validation);
    }
}
