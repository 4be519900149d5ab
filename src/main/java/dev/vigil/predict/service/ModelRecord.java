package dev.vigil.predict.service;

import java.time.Instant;
import java.util.Objects;

/**
 * A trained per-service failure model, versioned. Rows are never updated: a retrain adds a version and the newest
 * one of a service is the one in use.
 *
 * @param version      the model's version string (unique)
 * @param kind         the algorithm, e.g. {@code logistic-regression}
 * @param trainingRows labelled deploys it was trained on
 * @param summary      one line for people (validation AUCs, the chosen model)
 * @param artefact     the {@code dev.vigil.predict.ModelCodec} JSON document
 */
public record ModelRecord(String version, String service, String kind, Instant trainedAt, int trainingRows,
                          String summary, String artefact) {
    public ModelRecord {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(artefact, "artefact");
    }
}
