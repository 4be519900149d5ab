package dev.vigil.predict;

import java.time.Instant;
import java.util.List;

/**
 * Trains a service's own model on its labelled deploys (change + service features; label: failed, rolled back, or
 * an anomaly attributed to the deploy, see {@code dev.vigil.attribute}), with the same time-ordered choice between
 * logistic regression and boosted trees as the JIT model. Until the service has enough labelled deploys, and enough failures among them
 * for a validation split to hold both outcomes, it stays on the cold-start model.
 */
public final class ServiceModelTrainer {

    /**
     * @param minLabelledDeploys labelled deploys needed before leaving cold start
     * @param minFailures        failures needed among them
     * @param training           model selection options
     */
    public record Options(int minLabelledDeploys, int minFailures, ChangeRiskTrainer.Options training) {
        public Options {
            if (minLabelledDeploys < training.minRows() || minFailures < 2) {
                throw new IllegalArgumentException("minLabelledDeploys must be >= training.minRows ("
                        + training.minRows() + ") and minFailures >= 2, got " + minLabelledDeploys + ", " + minFailures);
            }
        }

        public static Options defaults() {
            return new Options(100, 10, ChangeRiskTrainer.Options.defaults());
        }
    }

    /** Either a trained model or the reason the service stays on cold start. */
    public sealed interface Outcome permits Trained, StayColdStart {
    }

    public record Trained(ChangeRiskTrainer.Result result) implements Outcome {
    }

    public record StayColdStart(String reason) implements Outcome {
    }

    private final Options options;

    public ServiceModelTrainer(Options options) {
        this.options = options;
    }

    public Outcome train(String service, List<LabeledDeploy> deploys, Instant trainedAt) {
        List<LabeledDeploy> labelled = deploys.stream().filter(LabeledDeploy::isLabelled).toList();
        long failures = labelled.stream().filter(LabeledDeploy::failed).count();
        if (labelled.size() < options.minLabelledDeploys() || failures < options.minFailures()) {
            return new StayColdStart(service + " has " + labelled.size() + " labelled deploys (" + failures
                    + " failed); a model of its own needs " + options.minLabelledDeploys() + " with "
                    + options.minFailures() + " failed");
        }
        TrainingSet data = TrainingSet.sorted(DeployFeatures.NAMES,
                labelled.stream().map(d -> DeployFeatures.combine(d.change(), d.service())).toArray(double[][]::new),
                labelled.stream().mapToInt(d -> d.failed() ? 1 : 0).toArray(),
                labelled.stream().mapToLong(d -> d.at().getEpochSecond()).toArray());
        try {
            return new Trained(new ChangeRiskTrainer(options.training()).train(data, service, trainedAt));
        } catch (IllegalArgumentException e) {
            // e.g. every failure fell in the fit part: not enough signal yet, not an error
            return new StayColdStart(service + ": " + e.getMessage());
        }
    }
}
