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
 * Explanations come from {@link TreePathAttribution}: per-prediction credits that add up to the model's log-odds
 * minus its average log-odds, so the explanation is faithful to the model that made the prediction (rather than
 * borrowed from a different model) and costs one root-to-leaf walk per tree.
 */
public final class BoostedTreesRiskModel implements ChangeRiskModel {

    public static final String KIND = "gradient-boosting";
    static final String LABEL = "failed";

    private final String version;
    private final List<String> featureNames;
    private final GradientTreeBoost model;
    private final StructType schema;
    private final double shrinkage;
    private final TreePathAttribution attribution;

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

    BoostedTreesRiskModel(String version, List<String> featureNames, GradientTreeBoost model, double shrinkage) {
        this.version = Objects.requireNonNull(version, "version");
        this.featureNames = List.copyOf(featureNames);
        this.model = Objects.requireNonNull(model, "model");
        this.shrinkage = shrinkage;
        // Smile does not expose the shrinkage it trained with; the attribution needs it, so it travels with us.
        this.attribution = new TreePathAttribution(model.trees(), shrinkage);
        this.schema = DataFrame.of(new double[1][featureNames.size()], featureNames.toArray(String[]::new)).schema();
    }

    public static BoostedTreesRiskModel fit(String version, List<String> names, double[][] x, int[] y,
                                            Options options) {
        DataFrame data = DataFrame.of(x, names.toArray(String[]::new)).merge(IntVector.of(LABEL, y));
        // Smile draws its subsamples from a global generator: seed it so a retrain is reproducible.
        MathEx.setSeed(options.seed());
        GradientTreeBoost gbt = GradientTreeBoost.fit(Formula.lhs(LABEL), data, options.trees(), options.maxDepth(),
                options.maxNodes(), options.nodeSize(), options.shrinkage(), options.subsample());
        return new BoostedTreesRiskModel(version, names, gbt, options.shrinkage());
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

    double shrinkage() {
        return shrinkage;
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
        int p = featureNames.size();
        double[] credit = attribution.attribute(Tuple.of(features, schema), p);
        List<FeatureContribution> out = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            // Smile's binary boosting models log-odds / 2, so credits in its score double in log-odds.
            out.add(new FeatureContribution(featureNames.get(j), features[j], 2 * credit[j]));
        }
        out.sort(Comparator.comparingDouble((FeatureContribution c) -> -Math.abs(c.contribution())));
        return out;
    }

    @Override
    public String toString() {
        return "BoostedTreesRiskModel[" + version + ", " + model.size() + " trees]";
    }
}
