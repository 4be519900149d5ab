package dev.vigil.predict;

import dev.vigil.git.ChangeFeatures;
import dev.vigil.git.CommitFeatures;
import dev.vigil.git.FileChange;
import dev.vigil.git.RangeFeatures;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Scores a deploy: with the service's own model (change + service features) once one has been trained, otherwise
 * with the cold-start model on the change features alone, and says which.
 */
public final class DeployRiskPredictor {

    /**
     * @param topExplanations how many reasons to return
     * @param thresholds      risk-level cut-offs
     * @param deployRisk      how the cold-start model's per-commit probabilities become the deploy's
     */
    public record Options(int topExplanations, RiskLevel.Thresholds thresholds, DeployRisk deployRisk) {
        public Options {
            if (topExplanations < 1) {
                throw new IllegalArgumentException("topExplanations must be >= 1, got " + topExplanations);
            }
            Objects.requireNonNull(thresholds, "thresholds");
            Objects.requireNonNull(deployRisk, "deployRisk");
        }

        public static Options defaults() {
            return new Options(5, RiskLevel.Thresholds.defaults(), DeployRisk.DEFAULT);
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

    /**
     * Scores a deploy's range. A service model was trained on range aggregates against deploy outcomes, so it scores
     * the aggregate. The cold-start model was trained per commit, so each commit (merges left out, as in the
     * aggregate) is scored and the probabilities are combined by {@link DeployRisk}; the explanations are those of
     * the riskiest commit.
     */
    public Prediction predict(String service, RangeFeatures range, ServiceFeatures serviceFeatures) {
        List<CommitFeatures> commits = range.commits().stream().filter(c -> !c.isMerge()).toList();
        if (serviceModels.apply(service).isPresent() || commits.size() <= 1) {
            return predict(service, range.aggregate(), serviceFeatures, files(commits.isEmpty() ? range.commits() : commits));
        }
        double[] p = commits.stream().mapToDouble(c -> coldStart.predict(c.features().toArray())).toArray();
        int riskiest = 0;
        for (int i = 1; i < p.length; i++) {
            riskiest = p[i] > p[riskiest] ? i : riskiest;
        }
        double risk = options.deployRisk().combine(p);
        String note = String.format(Locale.ROOT, "cold start: %s has no trained model yet, so each of the %d commits"
                + " was scored by %s (trained on public just-in-time defect data) and combined as the chance that at"
                + " least one is defective (dependence %.2f); riskiest commit %s at %.2f, whose reasons are shown",
                service, p.length, coldStart.version(), options.deployRisk().dependence(),
                shortId(commits.get(riskiest).commitId()), p[riskiest]);
        CommitFeatures worst = commits.get(riskiest);
        ChangeReasons reasons = new ChangeReasons(worst.features(), null, worst.files());
        List<Explanation> top = coldStart.explain(worst.features().toArray()).stream()
                .limit(options.topExplanations()).map(c -> Explanation.of(c, reasons)).toList();
        String summary = new ChangeReasons(range.aggregate(), null, files(commits)).summary()
                + String.format(Locale.ROOT, "; riskiest commit %s %s", shortId(worst.commitId()), reasons.summary());
        return new Prediction(risk, options.thresholds().of(risk), coldStart.version(), true, top, note, summary);
    }

    private static List<FileChange> files(List<CommitFeatures> commits) {
        return commits.stream().flatMap(c -> c.files().stream()).toList();
    }

    private static String shortId(String commitId) {
        return commitId.substring(0, Math.min(12, commitId.length()));
    }

    /** Scores one change (no file list: the reasons name no directories). */
    public Prediction predict(String service, ChangeFeatures change, ServiceFeatures serviceFeatures) {
        return predict(service, change, serviceFeatures, List.of());
    }

    private Prediction predict(String service, ChangeFeatures change, ServiceFeatures serviceFeatures,
                               List<FileChange> files) {
        Optional<ChangeRiskModel> own = serviceModels.apply(service);
        if (own.isPresent()) {
            ChangeRiskModel model = own.get();
            if (!model.featureNames().equals(DeployFeatures.NAMES)) {
                throw new IllegalStateException("model " + model.version() + " of service " + service
                        + " expects features " + model.featureNames() + ", expected " + DeployFeatures.NAMES);
            }
            return score(model, DeployFeatures.combine(change, serviceFeatures), false,
                    "model " + model.version() + " trained on the deploys of " + service,
                    new ChangeReasons(change, serviceFeatures, files));
        }
        return score(coldStart, change.toArray(), true, "cold start: " + service + " has no trained model yet, so the"
                + " change was scored by " + coldStart.version() + ", trained on public just-in-time defect data",
                new ChangeReasons(change, null, files));
    }

    private Prediction score(ChangeRiskModel model, double[] x, boolean cold, String note, ChangeReasons reasons) {
        double p = model.predict(x);
        List<Explanation> top = model.explain(x).stream().limit(options.topExplanations())
                .map(c -> Explanation.of(c, reasons)).toList();
        return new Prediction(p, options.thresholds().of(p), model.version(), cold, top, note, reasons.summary());
    }
}
