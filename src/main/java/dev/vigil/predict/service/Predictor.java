package dev.vigil.predict.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.git.RangeFeatures;
import dev.vigil.predict.DeployRiskPredictor;
import dev.vigil.predict.Explanation;
import dev.vigil.predict.Prediction;
import dev.vigil.predict.ServiceFeatureExtractor;
import dev.vigil.predict.ServiceFeatures;
import java.time.Instant;
import java.util.UUID;

/**
 * Makes one prediction: resolves the base commit, mines the range, reads the service's history and scores it. Never
 * throws for a prediction that cannot be made: the result is then an {@code unavailable} record with the reason.
 *
 * <p>Open anomalies are counted at the deploy's start ({@link OpenAnomalies}); the cold-start model does not use
 * service features at all.
 */
public final class Predictor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RepositoryPolicy policy;
    private final RepositoryMiners miners;
    private final ServiceHistory history;
    private final OpenAnomalies openAnomalies;
    private final ServiceFeatureExtractor serviceFeatures;
    private final DeployRiskPredictor predictor;

    public Predictor(RepositoryPolicy policy, RepositoryMiners miners, ServiceHistory history,
                     OpenAnomalies openAnomalies, ServiceFeatureExtractor serviceFeatures, DeployRiskPredictor predictor) {
        this.policy = policy;
        this.miners = miners;
        this.history = history;
        this.openAnomalies = openAnomalies;
        this.serviceFeatures = serviceFeatures;
        this.predictor = predictor;
    }

    public PredictionRecord predict(PredictionInput in, Instant now) {
        String base = in.previousCommit();
        try {
            RepositoryPolicy.Source source = policy.check(in.repository());
            if (in.commit() == null || in.commit().isBlank()) {
                throw new PredictionUnavailable(PredictionUnavailable.COMMIT_MISSING, "commit", "no commit given");
            }
            if (base == null) {
                base = history.lastDeployedCommit(in.service(), in.environment(), in.deployId(), in.at()).orElse(null);
            }
            RangeFeatures range = miners.range(source, base, in.commit());
            ServiceFeatures service = serviceFeatures.extract(history.past(in.service(), in.environment(), in.at()),
                    openAnomalies.at(in.service(), in.environment(), in.at()), in.at());
            Prediction p = predictor.predict(in.service(), range, service);
            return ok(in, base, range, service, p, now);
        } catch (PredictionUnavailable e) {
            return unavailable(in, base, e.describe(), now);
        } catch (RuntimeException e) {
            return unavailable(in, base, PredictionUnavailable.ERROR + ": "
                    + RepositoryPolicy.redact(String.valueOf(e.getMessage())), now);
        }
    }

    /** The reason code of an unavailable record ("commit_missing: ..." → "commit_missing"). */
    public static String reasonCode(PredictionRecord r) {
        String reason = r.reason() == null ? PredictionUnavailable.ERROR : r.reason();
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    private static PredictionRecord ok(PredictionInput in, String base, RangeFeatures range, ServiceFeatures service,
                                       Prediction p, Instant now) {
        ObjectNode features = FeatureCodec.write(range, service).put(FeatureCodec.SUMMARY, p.summary());
        ArrayNode explanations = JSON.createArrayNode();
        for (Explanation e : p.explanations()) {
            explanations.addObject().put("feature", e.feature()).put("direction", e.direction().name())
                    .put("contribution", e.contribution()).put("sentence", e.sentence()).put("reason", e.reason());
        }
        return requested(in, base, now)
                .effectiveBase(range.effectiveBase()).commit(range.candidate()).commitCount(range.commits().size())
                .status(PredictionRecord.Status.OK)
                .probability(p.probability()).riskLevel(p.riskLevel()).modelVersion(p.modelVersion())
                .coldStart(p.coldStart()).note(p.note())
                .explanations(explanations).features(features)
                .build();
    }

    private static PredictionRecord unavailable(PredictionInput in, String base, String reason, Instant now) {
        return requested(in, base, now).commit(in.commit()).status(PredictionRecord.Status.UNAVAILABLE).reason(reason).build();
    }

    /** What every prediction record says about what was asked: the deploy, the repository and the base. */
    private static PredictionRecord.Builder requested(PredictionInput in, String base, Instant now) {
        return PredictionRecord.builder()
                .id(UUID.randomUUID().toString()).deployId(in.deployId()).source(in.source())
                .service(in.service()).environment(in.environment()).version(in.version())
                .repository(RepositoryPolicy.redact(in.repository())).baseCommit(base)
                .createdAt(now);
    }
}
