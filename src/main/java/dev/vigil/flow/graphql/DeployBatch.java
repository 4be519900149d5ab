package dev.vigil.flow.graphql;

import dev.vigil.deploy.AttributedAnomalies;
import dev.vigil.deploy.AttributedAnomaly;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.predict.service.PredictionQuery;
import dev.vigil.predict.service.PredictionRecord;
import dev.vigil.predict.service.PredictionRepository;
import dev.vigil.store.PageRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deploys one query field returned, shared by their nested fields (graphql-java's local context): the first
 * deploy asked for its anomalies or prediction loads those of all of them, so a page of 50 deploys costs one query
 * for anomalies, not 50. A query runs on one thread, so no lock.
 */
final class DeployBatch {

    private static final PageRequest NEWEST = new PageRequest(1, 0);

    private final List<String> ids;
    private final AttributedAnomalies attributions;
    private final PredictionRepository predictions;
    private Map<String, List<AttributedAnomaly>> anomalies;
    private Map<String, PredictionRecord> predicted;

    DeployBatch(List<DeployRecord> deploys, AttributedAnomalies attributions, PredictionRepository predictions) {
        this.ids = deploys.stream().map(DeployRecord::id).toList();
        this.attributions = attributions;
        this.predictions = predictions;
    }

    List<AttributedAnomaly> anomalies(String deployId) {
        if (anomalies == null) {
            anomalies = attributions.attributedTo(ids);
        }
        return anomalies.getOrDefault(deployId, List.of());
    }

    /** The latest prediction made for the deploy, or null. */
    PredictionRecord prediction(String deployId) {
        if (predicted == null) {
            // one indexed lookup per deploy (predictions by deploy_id); the page is at most DeployFetchers.MAX_DEPLOYS
            predicted = new HashMap<>();
            for (String id : ids) {
                predictions.find(new PredictionQuery(null, null, null, null, id, null, null), NEWEST).items().stream()
                        .findFirst().ifPresent(p -> predicted.put(id, p));
            }
        }
        return predicted.get(deployId);
    }
}
