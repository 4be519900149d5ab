package dev.vigil.predict.service;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.ChangeSummary;
import dev.vigil.predict.RiskLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored failure prediction: either a probability with its explanation ({@code status = ok}) or the reason none
 * could be made ({@code status = unavailable}; probability, risk level and model fields are then null).
 *
 * @param id            UUID
 * @param deployId      the deploy it was made for, null for an on-demand prediction
 * @param source        {@link Source#DEPLOY} (a deploy started) or {@link Source#REQUEST} (asked through the API or by a
 *                      gate); {@code deploy}, {@code request} on the wire
 * @param repository    where the commits were read, as given (credentials in URLs are redacted before storing)
 * @param baseCommit    the base asked for: previousCommit of the event, else the last deployed commit; null if none
 * @param effectiveBase the base actually used by the miner (merge base after a force-push), null if none
 * @param commit        the candidate commit
 * @param commitCount   commits scored in the range
 * @param status        {@code ok} or {@code unavailable}
 * @param riskLevel     {@link RiskLevel} of the probability ({@code LOW}, {@code MEDIUM}, {@code HIGH} on the wire),
 *                      null when unavailable
 * @param reason        why it is unavailable, null when ok
 * @param explanations  JSON array of {feature, direction, contribution, sentence}, largest push first
 * @param features      JSON object: the range aggregate, service features and flags the model saw
 */
public record PredictionRecord(
        String id,
        String deployId,
        Source source,
        String service,
        String environment,
        String version,
        String repository,
        String baseCommit,
        String effectiveBase,
        String commit,
        Integer commitCount,
        Status status,
        String reason,
        Double probability,
        RiskLevel riskLevel,
        String modelVersion,
        Boolean coldStart,
        String note,
        JsonNode explanations,
        JsonNode features,
        Instant createdAt) {

    /** Whether a probability could be made. */
    public enum Status {
        OK, UNAVAILABLE;

        /** The word stored and served: {@code ok}, {@code unavailable}. */
        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromWire(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /** Why a prediction was made. */
    public enum Source {
        /** A deploy started. */
        DEPLOY,
        /** Asked through the API or by a gate. */
        REQUEST;

        /** The word stored and served: {@code deploy}, {@code request}. */
        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Source fromWire(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    public PredictionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (status == Status.OK && (probability == null || riskLevel == null || modelVersion == null)) {
            throw new IllegalArgumentException("an ok prediction needs probability, riskLevel and modelVersion");
        }
        if (status == Status.UNAVAILABLE && reason == null) {
            throw new IllegalArgumentException("an unavailable prediction needs a reason");
        }
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /**
     * The change in plain words with its top {@link ChangeSummary#REASONS} distinct reasons (two features can say the
     * same thing, e.g. lines added and deleted); empty for an unavailable prediction or one stored before summaries
     * existed. A reason stored before plain words falls back to the feature sentence.
     */
    public Optional<ChangeSummary> changeSummary() {
        String summary = features == null ? null : features.path(FeatureCodec.SUMMARY).asText(null);
        if (!ok() || summary == null) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode e : explanations == null ? List.<JsonNode>of() : explanations) {
            String reason = e.path("reason").asText(e.path("sentence").asText(""));
            if (!reason.isBlank() && !reasons.contains(reason) && reasons.size() < ChangeSummary.REASONS) {
                reasons.add(reason);
            }
        }
        return Optional.of(new ChangeSummary(id, probability, riskLevel.name(), summary, reasons));
    }

    /** A builder, so that a record of 21 fields is made by naming them, not by position. */
    public static Builder builder() {
        return new Builder();
    }

    /** Fluent builder of {@link PredictionRecord}; an unset field is null (0 for a number). */
    public static final class Builder {
        private String id;
        private String deployId;
        private Source source;
        private String service;
        private String environment;
        private String version;
        private String repository;
        private String baseCommit;
        private String effectiveBase;
        private String commit;
        private Integer commitCount;
        private Status status;
        private String reason;
        private Double probability;
        private RiskLevel riskLevel;
        private String modelVersion;
        private Boolean coldStart;
        private String note;
        private JsonNode explanations;
        private JsonNode features;
        private Instant createdAt;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder deployId(String deployId) {
            this.deployId = deployId;
            return this;
        }

        public Builder source(Source source) {
            this.source = source;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder repository(String repository) {
            this.repository = repository;
            return this;
        }

        public Builder baseCommit(String baseCommit) {
            this.baseCommit = baseCommit;
            return this;
        }

        public Builder effectiveBase(String effectiveBase) {
            this.effectiveBase = effectiveBase;
            return this;
        }

        public Builder commit(String commit) {
            this.commit = commit;
            return this;
        }

        public Builder commitCount(Integer commitCount) {
            this.commitCount = commitCount;
            return this;
        }

        public Builder status(Status status) {
            this.status = status;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder probability(Double probability) {
            this.probability = probability;
            return this;
        }

        public Builder riskLevel(RiskLevel riskLevel) {
            this.riskLevel = riskLevel;
            return this;
        }

        public Builder modelVersion(String modelVersion) {
            this.modelVersion = modelVersion;
            return this;
        }

        public Builder coldStart(Boolean coldStart) {
            this.coldStart = coldStart;
            return this;
        }

        public Builder note(String note) {
            this.note = note;
            return this;
        }

        public Builder explanations(JsonNode explanations) {
            this.explanations = explanations;
            return this;
        }

        public Builder features(JsonNode features) {
            this.features = features;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public PredictionRecord build() {
            return new PredictionRecord(id, deployId, source, service, environment, version, repository, baseCommit,
                    effectiveBase, commit, commitCount, status, reason, probability, riskLevel, modelVersion,
                    coldStart, note, explanations, features, createdAt);
        }
    }
}
