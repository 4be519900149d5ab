package dev.vigil.predict;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Trains both candidate models on the older part of a time-ordered set, keeps the one with the better AUC on the
 * newest part (never a random split: defect data drifts, and a shuffled split leaks the future), then refits the
 * winner on all rows. The decision threshold (max F1) is also chosen on the validation tail.
 */
public final class ChangeRiskTrainer {

    /**
     * @param validationFraction newest share of the training rows used to pick the model
     * @param lambda             L2 penalty for logistic regression (on standardised log features)
     * @param trees              tree-ensemble hyper-parameters
     * @param minRows            fewest rows worth training on
     */
    public record Options(double validationFraction, double lambda, BoostedTreesRiskModel.Options trees,
                          int minRows) {
        public Options {
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
            }
            if (!(lambda >= 0)) {
                throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
            }
            if (minRows < 10) {
                throw new IllegalArgumentException("minRows must be >= 10, got " + minRows);
            }
        }

        public static Options defaults() {
            return new Options(0.2, 1.0, BoostedTreesRiskModel.Options.defaults(), 50);
        }
    }

    /** What the selection saw; written next to every trained model. */
    public record Report(String winner, double logisticValidationAuc, double treesValidationAuc, int trainRows,
                         int validationRows, double threshold, Calibration calibration, double rawValidationBrier,
                         double calibratedValidationBrier) {
        public String summary() {
            return String.format(Locale.ROOT, "winner=%s validation AUC: logistic-regression=%.4f gradient-boosting=%.4f"
                    + " (fit rows %d, validation rows %d, threshold %.4f); calibration %s, validation Brier %.4f -> %.4f",
                    winner, logisticValidationAuc, treesValidationAuc, trainRows, validationRows, threshold,
                    calibration.describe(), rawValidationBrier, calibratedValidationBrier);
        }
    }

    public record Result(ChangeRiskModel model, Report report) {
    }

    private final Options options;

    public ChangeRiskTrainer(Options options) {
        this.options = options;
    }

    /** {@code trainedAt} only names the version; nothing here reads the clock. */
    public Result train(TrainingSet data, String versionPrefix, Instant trainedAt) {
        if (data.size() < options.minRows()) {
            throw new IllegalArgumentException(
                    "expected at least " + options.minRows() + " labelled rows, got " + data.size());
        }
        int cut = (int) Math.round(data.size() * (1 - options.validationFraction()));
        TrainingSet fit = data.slice(0, cut);
        TrainingSet validation = data.slice(cut, data.size());
        checkTrainable(fit, "fit part");
        checkTrainable(validation, "validation part");

        ChangeRiskModel lr = fitLogistic(fit, "candidate");
        ChangeRiskModel trees = fitTrees(fit, "candidate");
        double[] lrScores = scores(lr, validation);
        double[] treeScores = scores(trees, validation);
        double lrAuc = Metrics.auc(validation.y(), lrScores);
        double treeAuc = Metrics.auc(validation.y(), treeScores);
        boolean treesWin = treeAuc > lrAuc;
        double[] raw = treesWin ? treeScores : lrScores;
        // Calibrated on the validation tail only; applied to the refit on all rows, whose scores are on the same
        // scale (same algorithm and settings, 25% more rows), so the map carries over.
        Calibration calibration = Calibration.fit(validation.y(), raw);
        double[] calibrated = Arrays.stream(raw).map(calibration::apply).toArray();
        double threshold = Metrics.bestF1Threshold(validation.y(), calibrated);
        Reliability reliability = Reliability.of(validation.y(), calibrated);

        String version = version(versionPrefix, treesWin ? "gbt" : "lr", trainedAt, data);
        ChangeRiskModel refit = treesWin ? fitTrees(data, version) : fitLogistic(data, version);
        ChangeRiskModel winner = new CalibratedRiskModel(refit, calibration, reliability);
        Report report = new Report(winner.kind(), lrAuc, treeAuc, fit.size(), validation.size(), threshold,
                calibration, Reliability.of(validation.y(), raw).brier(), reliability.brier());
        return new Result(winner, report);
    }

    /**
     * The cold-start recipe: logistic regression only (no model choice), calibrated on the newest
     * {@code validationFraction} of the rows after a fit on the rest, then refitted on all rows.
     */
    public CalibratedRiskModel calibratedLogistic(TrainingSet data, String version) {
        int cut = (int) Math.round(data.size() * (1 - options.validationFraction()));
        TrainingSet validation = data.slice(cut, data.size());
        double[] raw = scores(fitLogistic(data.slice(0, cut), "candidate"), validation);
        Calibration calibration = Calibration.fit(validation.y(), raw);
        Reliability reliability = Reliability.of(validation.y(),
                Arrays.stream(raw).map(calibration::apply).toArray());
        return new CalibratedRiskModel(fitLogistic(data, version), calibration, reliability);
    }

    ChangeRiskModel fitLogistic(TrainingSet data, String version) {
        return LogisticRiskModel.fit(version, data.featureNames(), data.x(), data.y(), options.lambda());
    }

    ChangeRiskModel fitTrees(TrainingSet data, String version) {
        return BoostedTreesRiskModel.fit(version, data.featureNames(), data.x(), data.y(), options.trees());
    }

    static double[] scores(ChangeRiskModel model, TrainingSet data) {
        return Arrays.stream(data.x()).mapToDouble(model::predict).toArray();
    }

    private void checkTrainable(TrainingSet part, String name) {
        int failures = part.failures();
        if (part.size() < options.minRows() / 5 || failures == 0 || failures == part.size()) {
            throw new IllegalArgumentException(name + ": expected at least " + options.minRows() / 5
                    + " rows with both outcomes, got " + part.size() + " rows, " + failures + " failed");
        }
    }

    /** e.g. {@code jit-lr-20261125-1a2b3c4d}: prefix, algorithm, training day, hash of the training labels. */
    static String version(String prefix, String algorithm, Instant trainedAt, TrainingSet data) {
        String day = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(trainedAt);
        int hash = 31 * Arrays.hashCode(data.y()) + Arrays.hashCode(data.times());
        return String.format(Locale.ROOT, "%s-%s-%s-%08x", prefix, algorithm, day, hash);
    }
}
