package dev.vigil.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * Features of a deploy's commit range, {@code base..candidate}: every commit reachable from the candidate and not
 * from the base. Per-commit features come from the cache when present; the history index is only built or
 * extended when a commit has to be computed, so a warm range costs a revision walk and cache lookups.
 *
 * <p>Range edge cases: no base, or a base missing from the repository, or one sharing no history with the
 * candidate: only the candidate is scored (BASE_MISSING) — except in a shallow clone, where such a base is most
 * likely beyond the shallow boundary, so every commit down to the boundary is scored (SHALLOW). A base that is not an ancestor of the candidate
 * (force-push): the range starts at their merge base (FORCE_PUSHED). Over {@code maxRangeCommits}: the newest
 * are kept (RANGE_CAPPED).
 */
public final class ChangeFeatureMiner {

    /** Bump when a feature definition changes, so cached features of the old definition are not reused. */
    public static final int DEFINITION_VERSION = 1;

    private final Repository repository;
    private final ExtractionOptions options;
    private final JitFeatureExtractor extractor;
    private final FeatureCache cache;
    private final HistoryIndex index = new HistoryIndex();

    public ChangeFeatureMiner(Repository repository, ExtractionOptions options, FeatureCache cache) {
        this.repository = repository;
        this.options = options;
        this.extractor = new JitFeatureExtractor(options);
        this.cache = cache;
    }

    /** @param base last deployed commit (any revision string), or null for a first deploy */
    public RangeFeatures range(String base, String candidate) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit tip = walk.parseCommit(resolve(candidate, "candidate"));
            Set<FeatureFlag> flags = EnumSet.noneOf(FeatureFlag.class);
            RevCommit effectiveBase = effectiveBase(walk, base, tip, flags);
            boolean toShallowBoundary = effectiveBase == null && flags.contains(FeatureFlag.SHALLOW);
            List<RevCommit> between = effectiveBase == null && !toShallowBoundary
                    ? List.of(tip) : commitsBetween(walk, effectiveBase, tip, flags);
            List<CommitFeatures> commits = new ArrayList<>();
            for (RevCommit commit : between) {
                CommitFeatures features = commit(walk, commit);
                commits.add(features);
                flags.addAll(features.flags());
            }
            return new RangeFeatures(base, effectiveBase == null ? null : effectiveBase.name(), tip.name(), commits,
                    RangeAggregator.aggregate(commits), flags);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read repository " + repository.getDirectory(), e);
        }
    }

    /** Features of one commit. */
    public CommitFeatures commit(String revision) {
        try (RevWalk walk = new RevWalk(repository)) {
            return commit(walk, walk.parseCommit(resolve(revision, "commit")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read repository " + repository.getDirectory(), e);
        }
    }

    private CommitFeatures commit(RevWalk walk, RevCommit commit) throws IOException {
        String key = "v" + DEFINITION_VERSION + ":" + commit.name();
        Optional<CommitFeatures> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        index.extend(repository, commit);
        Set<ObjectId> shallow = repository.getObjectDatabase().getShallowCommits();
        CommitFeatures features = extractor.extract(repository, walk, commit, index, shallow);
        cache.put(key, features);
        return features;
    }

    private RevCommit effectiveBase(RevWalk walk, String base, RevCommit tip, Set<FeatureFlag> flags)
            throws IOException {
        if (base == null) {
            flags.add(FeatureFlag.BASE_MISSING);
            return null;
        }
        ObjectId baseId = repository.resolve(base);
        if (baseId == null || !repository.getObjectDatabase().has(baseId)) {
            flags.add(historyCut());
            return null;
        }
        RevCommit baseCommit = walk.parseCommit(baseId);
        if (walk.isMergedInto(baseCommit, tip)) {
            return baseCommit;
        }
        walk.reset();
        walk.setRevFilter(RevFilter.MERGE_BASE);
        walk.markStart(baseCommit);
        walk.markStart(tip);
        RevCommit mergeBase = walk.next();
        walk.reset();
        walk.setRevFilter(RevFilter.ALL);
        flags.add(mergeBase == null ? historyCut() : FeatureFlag.FORCE_PUSHED);
        return mergeBase;
    }

    /** A base we cannot reach: in a shallow clone it is probably beyond the boundary, so walk down to it. */
    private FeatureFlag historyCut() throws IOException {
        return repository.getObjectDatabase().getShallowCommits().isEmpty()
                ? FeatureFlag.BASE_MISSING : FeatureFlag.SHALLOW;
    }

    private List<RevCommit> commitsBetween(RevWalk walk, RevCommit base, RevCommit tip, Set<FeatureFlag> flags)
            throws IOException {
        walk.reset();
        walk.sort(RevSort.TOPO);
        walk.sort(RevSort.COMMIT_TIME_DESC, true);
        walk.markStart(walk.parseCommit(tip));
        if (base != null) {
            walk.markUninteresting(walk.parseCommit(base));
        }
        List<RevCommit> commits = new ArrayList<>();
        for (RevCommit commit : walk) {
            if (commits.size() == options.maxRangeCommits()) {
                flags.add(FeatureFlag.RANGE_CAPPED);
                break;
            }
            commits.add(commit);
        }
        walk.reset();
        return commits;
    }

    private ObjectId resolve(String revision, String what) throws IOException {
        ObjectId id = revision == null ? null : repository.resolve(revision);
        if (id == null) {
            throw new IllegalArgumentException(what + " '" + revision + "' is not a commit in "
                    + repository.getDirectory());
        }
        return id;
    }
}
