package dev.vigil.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real repository: c1 (alice, day 0) adds src/a.txt (3 lines) and README (2); c2 (bob, day 10, "Fix crash")
 * rewrites a line of a.txt, appends one, adds lib/b.txt (4); c3 (alice, day 400) renames lib/b.txt to lib/c.txt
 * adding a line and deletes a README line; c4 (carol, day 401) adds a binary img/logo.png and a line to a.txt.
 */
class ChangeFeatureMinerTest {

    private static final double E = 1e-9;

    @TempDir
    Path dir;
    private TestRepository repo;
    private RevCommit c1;
    private RevCommit c2;
    private RevCommit c3;
    private RevCommit c4;

    @BeforeEach
    void buildHistory() throws Exception {
        repo = new TestRepository(dir);
        c1 = repo.write("src/a.txt", "1\n2\n3\n").write("README", "r1\nr2\n").commit("Alice", 0, "Initial import");
        c2 = repo.write("src/a.txt", "1\nTWO\n3\n4\n").write("lib/b.txt", "b1\nb2\nb3\nb4\n")
                .commit("Bob", 10, "Fix crash when parsing");
        c3 = repo.move("lib/b.txt", "lib/c.txt").write("lib/c.txt", "b1\nb2\nb3\nb4\nb5\n").write("README", "r1\n")
                .commit("Alice", 400, "Refactor storage");
        c4 = repo.writeBytes("img/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2})
                .write("src/a.txt", "1\nTWO\n3\n4\n5\n").commit("Carol", 401, "Add logo");
    }

    private ChangeFeatureMiner miner() {
        return new ChangeFeatureMiner(repo.git.getRepository(), ExtractionOptions.defaults(),
                new LruFeatureCache(100, FeatureCache.NONE));
    }

    @Test
    void rootCommitFeatures() {
        CommitFeatures f = miner().commit(c1.name());
        double entropy = -(0.6 * log2(0.6) + 0.4 * log2(0.4));
        assertFeatures(f.features(), 2, 2, 2, entropy, 5, 0, 0, 0, 1, 0, 1, 1, 1, 1);
        assertEquals(Set.of(FeatureFlag.ROOT), f.flags());
        assertEquals("alice@example.org", f.authorEmail());
    }

    @Test
    void fixCommitSeesThePriorHistoryOfItsFiles() {
        CommitFeatures f = miner().commit(c2.name());
        double entropy = -(3 / 7.0 * log2(3 / 7.0) + 4 / 7.0 * log2(4 / 7.0));
        // ndev {alice, bob}; age: a.txt last changed 10 days before; nuc: c1 + this
        assertFeatures(f.features(), 2, 2, 2, entropy, 6, 1, 3, 1, 2, 10, 3 - 1, 1, 1, 1);
        assertTrue(f.flags().isEmpty());
    }

    @Test
    void renamedFileKeepsItsHistoryAndOldCommitsWeighLessInRecentExperience() {
        CommitFeatures f = miner().commit(c3.name());
        FileChange renamed = f.files().stream().filter(c -> c.path().equals("lib/c.txt")).findFirst().orElseThrow();
        assertEquals("lib/b.txt", renamed.oldPath());
        // ndev {bob (b.txt), alice}; age mean(390, 400); nuc {c1, c2} + 1; exp 2; rexp 1 + 1/2 (c1 is 1 year
        // old); sexp: c1 touched the root subsystem "" like this commit's README
        assertFeatures(f.features(), 2, 2, 2, 1.0, 1, 1, 6, 0, 2, 395, 3, 2, 1.5, 2);
    }

    @Test
    void binaryFileCountsAsATouchedFileWithoutLines() {
        CommitFeatures f = miner().commit(c4.name());
        assertFeatures(f.features(), 2, 2, 2, 0, 1, 0, 4, 0, 3, 391, 3, 1, 1, 1);
        assertEquals(Set.of(FeatureFlag.BINARY), f.flags());
    }

    @Test
    void rangeAggregatesItsCommitsAsOneChange() {
        RangeFeatures range = miner().range(c2.name(), c4.name());
        assertEquals(List.of(c4.name(), c3.name()), range.commits().stream().map(CommitFeatures::commitId).toList());
        assertEquals(c2.name(), range.effectiveBase());
        // files c.txt, README, logo, a.txt; lt 4 + 2 + 0 + 4; one changed line each in three files
        assertFeatures(range.aggregate(), 4, 4, 4, log2(3), 2, 1, 10, 0, 3, 393, 3, 1, 1, 1);
        assertEquals(Set.of(FeatureFlag.BINARY), range.flags());
    }

    @Test
    void forcePushedBaseFallsBackToTheMergeBase() throws Exception {
        repo.git.checkout().setCreateBranch(true).setName("rewritten").setStartPoint(c2).call();
        RevCommit abandoned = repo.write("lib/b.txt", "x\n").commit("Bob", 20, "Rewrite b");
        RangeFeatures range = miner().range(abandoned.name(), c4.name());
        assertEquals(c2.name(), range.effectiveBase());
        assertEquals(2, range.commits().size());
        assertTrue(range.flags().contains(FeatureFlag.FORCE_PUSHED));
    }

    @Test
    void unknownBaseScoresOnlyTheCandidate() {
        RangeFeatures range = miner().range("0123456789012345678901234567890123456789", c4.name());
        assertEquals(1, range.commits().size());
        assertTrue(range.flags().contains(FeatureFlag.BASE_MISSING));
        assertEquals(range.commits().get(0).features(), range.aggregate());
    }

    @Test
    void mergeCommitIsFlaggedAndLeftOutOfTheAggregate() throws Exception {
        repo.git.checkout().setCreateBranch(true).setName("feature").setStartPoint(c4).call();
        RevCommit onFeature = repo.write("lib/c.txt", "b1\nb2\nb3\nb4\nb5\nb6\n").commit("Bob", 402, "More b");
        repo.git.checkout().setName("main").call();
        repo.write("README", "r1\nr3\n").commit("Alice", 403, "Docs");
        RevCommit merge = repo.git.merge().include(onFeature).setMessage("Merge feature").call().getNewHead()
                == null ? null : repo.git.getRepository().parseCommit(repo.git.getRepository().resolve("HEAD"));
        RangeFeatures range = miner().range(c4.name(), merge.name());
        assertEquals(3, range.commits().size());
        assertTrue(range.commits().get(0).isMerge());
        assertEquals(2, range.aggregate().nf()); // lib/c.txt and README, not the merge's first-parent diff again
        assertEquals(2, range.aggregate().la());
    }

    @Test
    void shallowBoundaryIsDiffedAgainstNothingAndFlagged() throws Exception {
        Files.writeString(dir.resolve(".git/shallow"), c3.name() + "\n");
        try (Repository shallow = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
            var miner = new ChangeFeatureMiner(shallow, ExtractionOptions.defaults(), FeatureCache.NONE);
            RangeFeatures range = miner.range(c1.name(), c4.name());
            CommitFeatures boundary = miner.commit(c3.name());
            assertTrue(boundary.flags().contains(FeatureFlag.SHALLOW));
            assertEquals(10, boundary.features().la()); // every line of the tree at c3: 5 + 1 + 4
            // c1 lies beyond the boundary: the range runs down to it (c4, c3) and says so
            assertEquals(List.of(c4.name(), c3.name()),
                    range.commits().stream().map(CommitFeatures::commitId).toList());
            assertTrue(range.flags().contains(FeatureFlag.SHALLOW));
            // history stops at the boundary too (what c3 itself changed is unknown): a.txt has no known past
            assertEquals(1, range.commits().get(0).features().ndev());
            assertEquals(1, range.commits().get(0).features().nuc());
        }
    }

    @Test
    void filesOverTheSizeCapAreListedWithoutLineCounts() {
        var options = new ExtractionOptions(8, 100, 100, ExtractionOptions.DEFAULT_FIX);
        var miner = new ChangeFeatureMiner(repo.git.getRepository(), options, FeatureCache.NONE);
        CommitFeatures f = miner.commit(c2.name());
        assertEquals(2, f.features().nf());
        assertEquals(0, f.features().la()); // a.txt is 10 bytes after, b.txt 12: both over 8
        assertEquals(Set.of(FeatureFlag.TRUNCATED), f.flags());
    }

    @Test
    void warmRangeComesFromTheCacheWithoutRecomputing() {
        CountingStore store = new CountingStore();
        var cache = new LruFeatureCache(100, store);
        RangeFeatures cold = new ChangeFeatureMiner(repo.git.getRepository(), ExtractionOptions.defaults(), cache)
                .range(c1.name(), c4.name());
        assertEquals(3, store.puts);
        RangeFeatures warm = new ChangeFeatureMiner(repo.git.getRepository(), ExtractionOptions.defaults(), cache)
                .range(c1.name(), c4.name());
        assertEquals(3, store.puts);
        assertEquals(cold, warm);
    }

    @Test
    void redeployingTheSameCommitIsAnEmptyRangeWithZeroFeatures() {
        RangeFeatures range = miner().range(c4.name(), c4.name());
        assertTrue(range.commits().isEmpty());
        assertEquals(new ChangeFeatures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), range.aggregate());
        assertTrue(range.flags().isEmpty());
    }

    @Test
    void localPathsOpenInPlaceAndUrlsNeverLeakCredentials(@TempDir Path cache) throws Exception {
        try (Repository local = GitRepositories.open(dir.toString(), cache, java.util.Optional.empty(), TransferLimits.defaults())) {
            assertEquals(c4, local.resolve("HEAD"));
        }
        assertEquals("https://***@git.example.org/x.git",
                GitRepositories.redact("https://bot:s3cret@git.example.org/x.git"));
        assertTrue(new GitRepositories.Credentials("bot", "s3cret").toString().contains("***"));
    }

    @Test
    void unknownCandidateIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> miner().range(null, "no-such-branch"));
        assertTrue(e.getMessage().startsWith("candidate 'no-such-branch' is not a commit"), e.getMessage());
    }

    @Test
    void remoteUrlIsMirroredIntoTheCacheAndFetchedAgain(@TempDir Path cache) throws Exception {
        String url = dir.toUri().toString();
        try (Repository mirror = GitRepositories.open(url, cache, java.util.Optional.empty(), TransferLimits.defaults())) {
            assertTrue(mirror.isBare());
            assertEquals(c4, mirror.resolve("refs/heads/main"));
        }
        RevCommit c5 = repo.write("README", "r1\nnew\n").commit("Dave", 500, "Docs");
        try (Repository mirror = GitRepositories.open(url, cache, java.util.Optional.empty(), TransferLimits.defaults())) {
            assertEquals(c5, mirror.resolve("refs/heads/main"));
            assertFalse(new ChangeFeatureMiner(mirror, ExtractionOptions.defaults(), FeatureCache.NONE)
                    .range(c4.name(), c5.name()).commits().isEmpty());
        }
    }

    private static void assertFeatures(ChangeFeatures f, double... expected) {
        double[] actual = f.toArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], E, ChangeFeatures.NAMES.get(i));
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static final class CountingStore implements FeatureCache {
        int puts;
        private final java.util.Map<String, CommitFeatures> map = new java.util.HashMap<>();

        @Override
        public java.util.Optional<CommitFeatures> get(String key) {
            return java.util.Optional.ofNullable(map.get(key));
        }

        @Override
        public void put(String key, CommitFeatures features) {
            puts++;
            map.put(key, features);
        }
    }
}
