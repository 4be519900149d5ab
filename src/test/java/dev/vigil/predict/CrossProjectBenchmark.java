package dev.vigil.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Leave-one-project-out check behind the cold-start model choice (bench/predict/cross-project.sh): train both
 * candidates on two JIT projects, test on the third, as the cold-start model is used on a repository it never saw.
 */
public final class CrossProjectBenchmark {

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        ChangeRiskTrainer trainer = new ChangeRiskTrainer(ChangeRiskTrainer.Options.defaults());
        for (String target : ColdStartModelBuilder.PROJECTS) {
            List<LabeledChange> train = new ArrayList<>();
            for (String p : ColdStartModelBuilder.PROJECTS) {
                if (!p.equals(target)) {
                    train.addAll(JitCsv.read(data.resolve(p + "_k_feature.csv")));
                }
            }
            TrainingSet test = TrainingSet.ofChanges(JitCsv.read(data.resolve(target + "_k_feature.csv")));
            TrainingSet fit = TrainingSet.ofChanges(train);
            double lr = auc(trainer.fitLogistic(fit, "lr"), test);
            double trees = auc(trainer.fitTrees(fit, "gbt"), test);
            System.out.println(String.format(Locale.ROOT, "test on %s (train on the other two): "
                    + "logistic-regression AUC %.4f, gradient-boosting AUC %.4f", target, lr, trees));
            List<String> others = ColdStartModelBuilder.PROJECTS.stream().filter(p -> !p.equals(target)).toList();
            CalibratedRiskModel coldStart = ColdStartModelBuilder.build(data, others);
            double[] raw = Arrays.stream(test.x()).mapToDouble(coldStart.base()::predict).toArray();
            Reliability calibrated = Reliability.of(test.y(), Arrays.stream(raw)
                    .map(coldStart.calibration()::apply).toArray());
            System.out.println(String.format(Locale.ROOT, "cold-start recipe on %s: calibration %s, Brier %.4f "
                    + "uncalibrated -> %.4f calibrated; calibrated reliability:%n%s", target,
                    coldStart.calibration().describe(), Reliability.of(test.y(), raw).brier(), calibrated.brier(),
                    calibrated.table()));
        }
    }

    private static double auc(ChangeRiskModel model, TrainingSet test) {
        return Metrics.auc(test.y(), Arrays.stream(test.x()).mapToDouble(model::predict).toArray());
    }
}
