package dev.vigil.flow;

import dev.vigil.attribute.AttributionRecord;
import dev.vigil.attribute.Attributions;
import dev.vigil.detect.anomaly.ProbableCause;
import dev.vigil.detect.anomaly.ProbableCauses;
import dev.vigil.predict.service.PredictionRecord;
import dev.vigil.predict.service.PredictionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * An anomaly's probable cause as detection shows it (API and {@code vigil.anomalies}): attribution's deploy, with
 * that deploy's change in plain words from its newest failure prediction, the summary the gate shows for the same
 * release. Joins attribution and prediction here because prediction reads attribution (its training labels), so
 * attribution may not read prediction.
 */
@ApplicationScoped
public class AttributedCauses implements ProbableCauses {

    private static final Logger LOG = Logger.getLogger(AttributedCauses.class);

    private final Attributions attributions;
    private final PredictionRepository predictions;

    public AttributedCauses(Attributions attributions, PredictionRepository predictions) {
        this.attributions = attributions;
        this.predictions = predictions;
    }

    @Override
    public Map<String, ProbableCause> causesOf(Collection<String> anomalyIds) {
        return withChanges(attributions.byAnomalies(anomalyIds).values());
    }

    /**
     * One attribution just made, as the {@code opened} message on {@code vigil.anomalies} carries it. Never throws:
     * detection must not wait on prediction, so a failed read costs the change, not the message.
     */
    public ProbableCause causeOf(AttributionRecord attribution) {
        try {
            return withChanges(List.of(attribution)).get(attribution.anomalyId());
        } catch (RuntimeException e) {
            LOG.warnf("anomaly %s: could not read the prediction of deploy %s: %s", attribution.anomalyId(),
                    attribution.deployId(), e.toString());
            return attribution.probableCause();
        }
    }

    private Map<String, ProbableCause> withChanges(Collection<AttributionRecord> found) {
        Map<String, PredictionRecord> byDeploy = found.isEmpty() ? Map.of()
                : predictions.latestOkByDeploys(found.stream().map(AttributionRecord::deployId).toList());
        Map<String, ProbableCause> out = new LinkedHashMap<>();
        for (AttributionRecord a : found) {
            PredictionRecord p = byDeploy.get(a.deployId());
            out.put(a.anomalyId(), a.probableCause().withChange(p == null ? null : p.changeSummary().orElse(null)));
        }
        return out;
    }
}
