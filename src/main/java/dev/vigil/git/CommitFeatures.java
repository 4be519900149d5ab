package dev.vigil.git;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The just-in-time features of one commit, with what they were computed from.
 *
 * @param commitId     full hash
 * @param authorEmail  lower-cased author e-mail, the identity used for experience features
 * @param epochSeconds author time
 * @param files        files touched (diff against the first parent)
 * @param features     the 14 Kamei features
 * @param flags        why the features may be approximate
 */
public record CommitFeatures(String commitId, String authorEmail, long epochSeconds, List<FileChange> files,
                             ChangeFeatures features, Set<FeatureFlag> flags) {

    public CommitFeatures {
        Objects.requireNonNull(commitId, "commitId");
        Objects.requireNonNull(authorEmail, "authorEmail");
        Objects.requireNonNull(features, "features");
        files = List.copyOf(files);
        flags = Set.copyOf(flags);
    }

    public boolean isMerge() {
        return flags.contains(FeatureFlag.MERGE);
    }
}
