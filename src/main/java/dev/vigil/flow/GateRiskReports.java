package dev.vigil.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.gate.DeployRiskReport;
import dev.vigil.gate.GateRequest;
import dev.vigil.predict.service.PredictionQuery;
import dev.vigil.predict.service.PredictionRecord;
import dev.vigil.predict.service.PredictionRepository;
import dev.vigil.store.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decision page's predicted risk: the newest successful prediction stored for the request's service,
 * environment, version and commit (made when the deploy started, or by the gate's failure-probability check). It
 * only reads; a page view never mines a repository.
 */
@ApplicationScoped
public class GateRiskReports implements DeployRiskReport.Source {

    /** Recent predictions of the service looked through; a gated release's prediction is among its latest. */
    static final int LOOKED_AT = 50;

    private final PredictionRepository predictions;

    public GateRiskReports(PredictionRepository predictions) {
        this.predictions = predictions;
    }

    @Override
    public Optional<DeployRiskReport> of(GateRequest request) {
        return predictions.find(new PredictionQuery(request.service(), request.environment(), null,
                        PredictionRecord.Status.OK.wire(), null, null, null), new PageRequest(LOOKED_AT, 0))
                .items().stream()
                .filter(p -> request.version().equals(p.version()) && sameCommit(p.commit(), request.commit()))
                .findFirst()
                .map(p -> new DeployRiskReport(p.probability(), p.riskLevel().name(), p.modelVersion(),
                        reasons(p.explanations()), p.createdAt()));
    }

    /** A request may carry an abbreviated commit, a prediction the full one (or the reverse). */
    private static boolean sameCommit(String stored, String asked) {
        return stored != null && (stored.startsWith(asked) || asked.startsWith(stored));
    }

    /** Each explanation's plain-word reason, else its sentence. */
    private static List<String> reasons(JsonNode explanations) {
        List<String> out = new ArrayList<>();
        if (explanations != null && explanations.isArray()) {
            for (JsonNode e : explanations) {
                String reason = e.path("reason").asText("");
                out.add(reason.isBlank() ? e.path("sentence").asText("") : reason);
            }
        }
        out.removeIf(String::isBlank);
        return out;
    }
}
