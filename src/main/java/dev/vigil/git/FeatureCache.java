package dev.vigil.git;

import java.util.Optional;

/**
 * Per-commit feature cache. A commit's features never change once computed (a commit is immutable and its
 * history is in the past), so entries never need invalidation, only a key that includes the feature definition
 * version ({@link ChangeFeatureMiner#DEFINITION_VERSION}).
 */
public interface FeatureCache {

    Optional<CommitFeatures> get(String key);

    void put(String key, CommitFeatures features);

    /** A persistent store that keeps nothing: the default when none is configured. */
    FeatureCache NONE = new FeatureCache() {
        @Override
        public Optional<CommitFeatures> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, CommitFeatures features) {
        }
    };
}
