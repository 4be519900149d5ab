package dev.vigil.predict.service;

import dev.vigil.attribute.Attributions;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.deploy.Deploys;
import dev.vigil.predict.ChangeRiskModel;
import dev.vigil.predict.LabeledDeploy;
import dev.vigil.predict.ModelCodec;
import dev.vigil.predict.ServiceFeatures;
import dev.vigil.predict.ServiceModelTrainer;
import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Retrains a service's own model from its labelled deploys: every deploy predicted when it started (the features
 * stored with that prediction are what was knowable then) whose outcome the deploy store now knows (succeeded vs
 * failed / rolled back), or that an anomaly was attributed to with at least {@code minConfidence} (which settles it
 * as failed, whatever the deploy tool reported: the release hurt the service). A trained model is stored as a new
 * version and used from the next prediction on; until the service has enough labelled deploys it stays on cold
 * start and the reason is returned.
 */
public final class ModelRetrainer {

    /**
     * What one retrain of one service did, and what it learnt from: labelled deploys, how many of them failed, and
     * how many of those were labelled failed by an attributed anomaly.
     */
    public record Result(String service, boolean trained, String version, String kind, int labelledDeploys,
                         int failedDeploys, int anomalyLabels, String summary) {
    }

    private static final Logger LOG = Logger.getLogger(ModelRetrainer.class);

    private static final int MAX_PAGES = 20;

    private final PredictionRepository predictions;
    private final Deploys deploys;
    private final ModelRepository models;
    private final ServiceModels serviceModels;
    private final ServiceModelTrainer trainer;
    private final Attributions attributions;
    private final double minConfidence;
    private final PredictionMetrics metrics;

    /**
     * @param minConfidence attribution confidence from which an anomaly labels its deploy as failed
     *                      ({@code vigil.attribution.min-confidence}; infinity when attribution is off)
     */
    public ModelRetrainer(PredictionRepository predictions, Deploys deploys, ModelRepository models,
                          ServiceModels serviceModels, ServiceModelTrainer trainer, Attributions attributions,
                          double minConfidence, PredictionMetrics metrics) {
        this.predictions = predictions;
        this.deploys = deploys;
        this.models = models;
        this.serviceModels = serviceModels;
        this.trainer = trainer;
        this.attributions = attributions;
        this.minConfidence = minConfidence;
        this.metrics = metrics;
    }

    /** Retrains every service that has predicted deploys. */
    public List<Result> retrainAll(Instant now) {
        return predictions.predictedServices().stream().map(s -> retrain(s, now)).toList();
    }

    public Result retrain(String service, Instant now) {
        List<LabeledDeploy> labelled = labelledDeploys(service);
        ServiceModelTrainer.Outcome outcome = trainer.train(service, labelled, now);
        List<LabeledDeploy> used = labelled.stream().filter(LabeledDeploy::isLabelled).toList();
        int labels = used.size();
        int failed = (int) used.stream().filter(LabeledDeploy::failed).count();
        int fromAnomalies = (int) used.stream().filter(LabeledDeploy::anomalyAfter).count();
        metrics.trainingLabels(service, labels, failed, fromAnomalies);
        Result result;
        if (outcome instanceof ServiceModelTrainer.Trained trained) {
            ChangeRiskModel model = trained.result().model();
            models.save(new ModelRecord(model.version(), service, model.kind(), now, labels,
                    trained.result().report().summary(), ModelCodec.toJson(model)));
            serviceModels.invalidate(service);
            result = new Result(service, true, model.version(), model.kind(), labels, failed, fromAnomalies,
                    trained.result().report().summary());
        } else {
            result = new Result(service, false, null, null, labels, failed, fromAnomalies,
                    ((ServiceModelTrainer.StayColdStart) outcome).reason());
        }
        LOG.infof("retrained %s: %s from %d labelled deploys (%d failed, %d of them by an attributed anomaly)%s",
                service, result.trained() ? "model " + result.version() : "stays on cold start", labels, failed,
                fromAnomalies, result.trained() ? "" : ": " + result.summary());
        return result;
    }

    List<LabeledDeploy> labelledDeploys(String service) {
        List<LabeledDeploy> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> anomalyAfter = Double.isInfinite(minConfidence) ? Set.of()
                : attributions.attributedDeploys(service, minConfidence);
        for (int p = 0; p < MAX_PAGES; p++) {
            Page<PredictionRecord> page = predictions.find(
                    new PredictionQuery(service, null, null, PredictionRecord.Status.OK.wire(), null, null, null),
                    new PageRequest(Page.MAX_LIMIT, p * Page.MAX_LIMIT));
            for (PredictionRecord r : page.items()) {
                if (r.deployId() != null && seen.add(r.deployId())) {
                    labelled(r, anomalyAfter.contains(r.deployId())).ifPresent(out::add);
                }
            }
            if (page.items().size() < Page.MAX_LIMIT) {
                break;
            }
        }
        return out;
    }

    private Optional<LabeledDeploy> labelled(PredictionRecord r, boolean anomalyAfter) {
        Optional<DeployRecord> deploy = deploys.findById(r.deployId());
        if (deploy.isEmpty() || r.features() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LabeledDeploy(r.deployId(), deploy.get().at(),
                    FeatureCodec.change(r.features()), FeatureCodec.service(r.features()),
                    ServiceHistory.outcome(deploy.get().status()), anomalyAfter));
        } catch (RuntimeException e) {
            return Optional.empty(); // features from another definition: not a usable row
        }
    }
}
