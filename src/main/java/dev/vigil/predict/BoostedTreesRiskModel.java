package dev.vigil.predict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import smile.classification.GradientTreeBoost;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.data.vector.IntVector;
import smile.math.MathEx;

/**
 * Smile gradient tree boosting on raw features (trees are invariant to monotone scaling, so no log is needed).
 * Explanations use Smile's TreeSHAP: exact per-prediction attributions for tree ensembles that sum to the
 * model's score minus its base value, at a cost of a few microseconds per tree, so a per-deploy explanation is
 * cheap and faithful to the model that made the prediction (rather than borrowed from a different model).
 */
public final class BoostedTreesRiskModel implements ChangeRiskModel {

    public static final String KIND = "gradient-boosting";
    static final String LABEL = "failed";

    private final String version;
    private final List<String> featureNames;
    private final GradientTreeBoost model;
    private final StructType schema;

    /**
     * Tree-ensemble hyper-parameters.
     *
     * @param trees     boosting rounds
     * @param maxDepth  maximum tree depth
     * @param maxNodes  maximum leaves per tree
     * @param nodeSize  minimum rows per leaf
     * @param shrinkage learning rate
     * @param subsample fraction of rows per round (stochastic boosting)
     * @param seed      seed for Smile's random sampling, so training is reproducible
     */
    public record Options(int trees, int maxDepth, int maxNodes, int nodeSize, double shrinkage, double subsample,
                          long seed) {
        public Options {
            if (trees < 1 || maxDepth < 1 || maxNodes < 2 || nodeSize < 1) {
                throw new IllegalArgumentException("expected trees >= 1, maxDepth >= 1, maxNodes >= 2, nodeSize >= 1;"
                        + " got " + trees + ", " + maxDepth + ", " + maxNodes + ", " + nodeSize);
            }
            if (!(shrinkage > 0 && shrinkage <= 1) || !(subsample > 0 && subsample <= 1)) {
                throw new IllegalArgumentException("shrinkage and subsample must be in (0, 1], got "
                        + shrinkage + ", " + subsample);
            }
        }

        public static Options defaults() {
            return new Options(200, 4, 16, 20, 0.05, 0.7, 42);
        }
    }

    BoostedTreesRiskModel(String version, List<String> featureNames, GradientTreeBoost model) {
        this.version = Objects.requireNonNull(version, "version");
        this.featureNames = List.copyOf(featureNames);
        this.model = Objects.requireNonNull(model, "model");
        this.schema = DataFrame.of(new double[1][featureNames.size()], featureNames.toArray(String[]::new)).schema();
    }

    public static BoostedTreesRiskModel fit(String version, List<String> names, double[][] x, int[] y,
                                            Options options) {
        DataFrame data = DataFrame.of(x, names.toArray(String[]::new)).merge(IntVector.of(LABEL, y));
        // Smile draws its subsamples from a global generator: seed it so a retrain is reproducible.
        MathEx.setSeed(options.seed());
        GradientTreeBoost gbt = GradientTreeBoost.fit(Formula.lhs(LABEL), data, options.trees(), options.maxDepth(),
                options.maxNodes(), options.nodeSize(), options.shrinkage(), options.subsample());
        return new BoostedTreesRiskModel(version, names, gbt);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    GradientTreeBoost smileModel() {
        return model;
    }

    @Override
    public double predict(double[] features) {
        checkArity(features);
        double[] posteriori = new double[2];
        model.predict(Tuple.of(features, schema), posteriori);
        return posteriori[1];
    }

    @Override
    public List<FeatureContribution> explain(double[] features) {
        checkArity(features);
        double[] shap = model.shap(Tuple.of(features, schema));
        int p = featureNames.size();
        List<FeatureContribution> out = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            // Smile lays SHAP out as [feature][class]; class 1 is "failed".
            out.add(new FeatureContribution(featureNames.get(j), features[j], shap[j * 2 + 1]));
        }
        out.sort(Comparator.comparingDouble((FeatureContribution c) -> -Math.abs(c.contribution())));
        return out;
    }

    @Override
    public String toString() {
        return "BoostedTreesRiskModel[" + version + ", " + model.size() + " trees]";
    }
}
