package dev.vigil.flow.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.deploy.AttributedAnomalies;
import dev.vigil.deploy.AttributedAnomaly;
import dev.vigil.deploy.DeployQuery;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.deploy.Deploys;
import dev.vigil.gate.service.DecisionRepository;
import dev.vigil.gate.service.DecisionWriter;
import dev.vigil.gate.service.EvaluationView;
import dev.vigil.gate.service.GateJson;
import dev.vigil.predict.service.PredictionRecord;
import dev.vigil.predict.service.PredictionRepository;
import dev.vigil.security.ServiceScope;
import dev.vigil.store.PageRequest;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The fields that join capabilities: a deploy (deploy), its prediction (predict), the anomalies attributed to it
 * (attribute, through deploy's port) and the gate decisions about its release (gate). Every deploy answered is
 * inside the caller's {@link ServiceScope}, and what hangs off a deploy belongs to its service and environment.
 */
final class DeployFetchers {

    private static final Logger LOG = Logger.getLogger(DeployFetchers.class);

    static final int MAX_DEPLOYS = 50;
    static final int MAX_DECISIONS = 20;
    private static final Duration WRITTEN_WAIT = Duration.ofSeconds(5);

    private final Deploys deploys;
    private final AttributedAnomalies attributions;
    private final PredictionRepository predictions;
    private final DecisionRepository decisions;
    private final DecisionWriter writer;

    DeployFetchers(Deploys deploys, AttributedAnomalies attributions, PredictionRepository predictions,
            DecisionRepository decisions, DecisionWriter writer) {
        this.deploys = deploys;
        this.attributions = attributions;
        this.predictions = predictions;
        this.decisions = decisions;
        this.writer = writer;
    }

    /** {@code deploy(id)}: null when unknown or out of scope (as REST answers 404 for both: existence is not told). */
    DataFetcher<DataFetcherResult<DeployRecord>> deploy() {
        return env -> {
            ServiceScope scope = scope(env);
            String id = env.getArgument("id");
            Optional<DeployRecord> found = deploys.findById(id).filter(d -> scope.allows(d.service(), d.environment()));
            return DataFetcherResult.<DeployRecord>newResult().data(found.orElse(null))
                    .localContext(batch(found.map(List::of).orElse(List.of()))).build();
        };
    }

    /** {@code deploys(service, environment, since, limit)}: a scoped token must name its services as REST asks. */
    DataFetcher<DataFetcherResult<List<DeployRecord>>> deployList() {
        return env -> {
            ServiceScope scope = scope(env);
            String service = optional(env.getArgument("service"));
            String environment = optional(env.getArgument("environment"));
            scope.requireListing(service, environment);
            Instant since = env.getArgument("since");
            int limit = limit(env, MAX_DEPLOYS);
            List<DeployRecord> page = deploys.find(new DeployQuery(service, environment, null, since, null),
                    new PageRequest(limit, 0)).items().stream()
                    .filter(d -> scope.allows(d.service(), d.environment())).toList();
            return DataFetcherResult.<List<DeployRecord>>newResult().data(page).localContext(batch(page)).build();
        };
    }

    DataFetcher<PredictionRecord> prediction() {
        return env -> env.<DeployBatch>getLocalContext().prediction(env.<DeployRecord>getSource().id());
    }

    DataFetcher<List<AttributedAnomaly>> anomalies() {
        return env -> env.<DeployBatch>getLocalContext().anomalies(env.<DeployRecord>getSource().id());
    }

    /** {@code Deploy.decisions(limit)}: the decided evaluations of the deploy's release, as the REST API shows them. */
    DataFetcher<List<EvaluationView>> decisions() {
        return env -> {
            DeployRecord d = env.getSource();
            int limit = limit(env, MAX_DECISIONS);
            awaitWritten();
            return decisions.decidedForRelease(d.service(), d.environment(), d.version(), limit).stream()
                    .map(r -> EvaluationView.of(GateJson.toEvaluation(r))).toList();
        };
    }

    /** {@code Prediction.reasons}: the stored explanation, largest push first. */
    static DataFetcher<List<Map<String, Object>>> predictionReasons() {
        return env -> {
            JsonNode explanations = env.<PredictionRecord>getSource().explanations();
            List<Map<String, Object>> reasons = new ArrayList<>();
            if (explanations != null && explanations.isArray()) {
                for (JsonNode e : explanations) {
                    Map<String, Object> reason = new LinkedHashMap<>();
                    reason.put("feature", e.path("feature").asText());
                    reason.put("direction", e.hasNonNull("direction") ? e.get("direction").asText() : null);
                    reason.put("contribution", e.hasNonNull("contribution") ? e.get("contribution").asDouble() : null);
                    reason.put("sentence", e.hasNonNull("sentence") ? e.get("sentence").asText() : null);
                    reasons.add(reason);
                }
            }
            return reasons;
        };
    }

    private DeployBatch batch(List<DeployRecord> page) {
        return new DeployBatch(page, attributions, predictions);
    }

    /** Decisions are stored off the request thread: a query sees those answered before it, as the REST listing does. */
    private void awaitWritten() {
        try {
            if (!writer.awaitWritten(WRITTEN_WAIT)) {
                LOG.warnf("decisions read while %d are still being stored", writer.backlog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ServiceScope scope(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(ServiceScope.class);
    }

    private static int limit(DataFetchingEnvironment env, int max) {
        Integer limit = env.getArgument("limit");
        if (limit == null || limit < 1 || limit > max) {
            throw new BadArgument("limit", "limit must be between 1 and " + max + ", got " + limit);
        }
        return limit;
    }

    private static String optional(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
