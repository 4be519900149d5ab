package dev.vigil.git;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Features of a deploy's commit range ({@code base..candidate}), per commit and aggregated.
 *
 * @param requestedBase the base asked for (last deployed commit), null for a first deploy
 * @param effectiveBase the base actually used (the merge base after a force-push), null if none
 * @param candidate     the commit being deployed
 * @param commits       commits in the range, newest first, merges included
 * @param aggregate     the range as one change (see {@link RangeAggregator} for the rules)
 * @param flags         union of the commits' flags and the range's own
 */
public record RangeFeatures(String requestedBase, String effectiveBase, String candidate,
                            List<CommitFeatures> commits, ChangeFeatures aggregate, Set<FeatureFlag> flags) {
    public RangeFeatures {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(aggregate, "aggregate");
        commits = List.copyOf(commits);
        flags = Set.copyOf(flags);
    }
}
