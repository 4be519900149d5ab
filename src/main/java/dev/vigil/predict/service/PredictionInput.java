package dev.vigil.predict.service;

import java.time.Instant;
import java.util.Objects;

/**
 * What a prediction is asked for.
 *
 * @param deployId       the deploy's id in the store, null when asked on demand
 * @param source         why it is asked (see {@link PredictionRecord.Source})
 * @param version        the version being deployed, null if not known
 * @param repository     local path or URL of the repository holding the commits
 * @param previousCommit the commit running before; null: the last succeeded deploy's commit from the store
 * @param commit         the candidate commit
 * @param at             when the deploy starts (service features count only deploys before it)
 */
public record PredictionInput(String deployId, PredictionRecord.Source source, String service, String environment, String version,
                              String repository, String previousCommit, String commit, Instant at) {
    public PredictionInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(at, "at");
    }
}
