package dev.vigil.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import smile.classification.LogisticRegression;

/**
 * L2-regularised logistic regression on {@link LogScaler log-scaled, standardised} features. Kept as plain numbers
 * (intercept, coefficients, scaler) rather than a Smile object so the artefact is a small readable JSON and the
 * explanation is exact: the log-odds are {@code intercept + sum(coef[j] * z[j])}, so {@code coef[j] * z[j]} is
 * feature j's push relative to an average training change (z = 0).
 */
public record LogisticRiskModel(String version, List<String> featureNames, LogScaler scaler, double intercept,
                                double[] coefficients) implements ChangeRiskModel {

    public static final String KIND = "logistic-regression";

    public LogisticRiskModel {
        Objects.requireNonNull(version, "version");
        featureNames = List.copyOf(featureNames);
        if (scaler.size() != featureNames.size()) {
            throw new IllegalArgumentException(
                    "expected a scaler for " + featureNames.size() + " features, got " + scaler.size());
        }
        if (coefficients.length != featureNames.size()) {
            throw new IllegalArgumentException(
                    "expected " + featureNames.size() + " coefficients, got " + coefficients.length);
        }
        if (!Double.isFinite(intercept) || Arrays.stream(coefficients).anyMatch(c -> !Double.isFinite(c))) {
            throw new IllegalArgumentException("intercept and coefficients must be finite");
        }
        coefficients = coefficients.clone();
    }

    /** Fits on raw features; {@code lambda} is the L2 penalty on the standardised coefficients. */
    public static LogisticRiskModel fit(String version, List<String> names, double[][] x, int[] y, double lambda) {
        LogScaler scaler = LogScaler.fit(x);
        LogisticRegression.Binomial lr = LogisticRegression.binomial(scaler.apply(x), y, lambda, 1e-6, 500);
        double[] w = lr.coefficients();
        // Smile keeps one weight per feature, then the intercept last.
        return new LogisticRiskModel(version, names, scaler, w[w.length - 1], Arrays.copyOf(w, w.length - 1));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public double predict(double[] features) {
        checkArity(features);
        double[] z = scaler.apply(features);
        double logit = intercept;
        for (int j = 0; j < z.length; j++) {
            logit += coefficients[j] * z[j];
        }
        return 1.0 / (1.0 + Math.exp(-logit));
    }

    @Override
    public List<FeatureContribution> explain(double[] features) {
        checkArity(features);
        double[] z = scaler.apply(features);
        List<FeatureContribution> out = new ArrayList<>(z.length);
        for (int j = 0; j < z.length; j++) {
            out.add(new FeatureContribution(featureNames.get(j), features[j], coefficients[j] * z[j]));
        }
        out.sort(Comparator.comparingDouble((FeatureContribution c) -> -Math.abs(c.contribution())));
        return out;
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogisticRiskModel m && version.equals(m.version) && featureNames.equals(m.featureNames)
                && scaler.equals(m.scaler) && intercept == m.intercept && Arrays.equals(coefficients, m.coefficients);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, featureNames, scaler, intercept, Arrays.hashCode(coefficients));
    }

    @Override
    public String toString() {
        return "LogisticRiskModel[" + version + ", " + featureNames.size() + " features]";
    }
}
