package dev.vigil.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored failure prediction: either a probability with its explanation ({@code status = ok}) or the reason none
 * could be made ({@code status = unavailable}; probability, risk level and model fields are then null).
 *
 * @param id            UUID
 * @param deployId      the deploy it was made for, null for an on-demand prediction
 * @param source        {@code deploy} (a deploy started) or {@code request} (asked through the API or by a gate)
 * @param repository    where the commits were read, as given (credentials in URLs are redacted before storing)
 * @param baseCommit    the base asked for: previousCommit of the event, else the last deployed commit; null if none
 * @param effectiveBase the base actually used by the miner (merge base after a force-push), null if none
 * @param commit        the candidate commit
 * @param commitCount   commits scored in the range
 * @param status        {@code ok} or {@code unavailable}
 * @param reason        why it is unavailable, null when ok
 * @param explanations  JSON array of {feature, direction, contribution, sentence}, largest push first
 * @param features      JSON object: the range aggregate, service features and flags the model saw
 */
public record PredictionRecord(
        String id,
        String deployId,
        String source,
        String service,
        String environment,
        String version,
        String repository,
        String baseCommit,
        String effectiveBase,
        String commit,
        Integer commitCount,
        String status,
        String reason,
        Double probability,
        String riskLevel,
        String modelVersion,
        Boolean coldStart,
        String note,
        JsonNode explanations,
        JsonNode features,
        Instant createdAt) {

    public static final String OK = "ok";
    public static final String UNAVAILABLE = "unavailable";
    public static final String SOURCE_DEPLOY = "deploy";
    public static final String SOURCE_REQUEST = "request";

    public PredictionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (OK.equals(status) && (probability == null || riskLevel == null || modelVersion == null)) {
            throw new IllegalArgumentException("an ok prediction needs probability, riskLevel and modelVersion");
        }
        if (UNAVAILABLE.equals(status) && reason == null) {
            throw new IllegalArgumentException("an unavailable prediction needs a reason");
        }
    }

    public boolean ok() {
        return OK.equals(status);
    }
}
