package dev.vigil.predict.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.git.ExtractionOptions;
import dev.vigil.git.FeatureCache;
import dev.vigil.git.FeatureFlag;
import dev.vigil.git.LruFeatureCache;
import dev.vigil.git.RangeFeatures;
import java.nio.file.Path;
import dev.vigil.git.TransferLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryMinersTest {

    @TempDir
    Path cache;

    static RepositoryPolicy.Source local(GitFixture f) {
        return new RepositoryPolicy.Source(f.dir.toString(), false, Optional.empty());
    }

    @Test
    void minesRangesAcrossRepositoriesReopeningEvictedOnes() throws Exception {
        GitFixture a = GitFixture.create();
        GitFixture b = GitFixture.create();
        try (RepositoryMiners miners = new RepositoryMiners(cache, new LruFeatureCache(100, FeatureCache.NONE),
                ExtractionOptions.defaults(), 1,
                TransferLimits.defaults(), Duration.ofMinutes(1), Clock.systemUTC())) {
            RangeFeatures first = miners.range(local(a), a.c(1), a.c(3));
            assertEquals(2, first.commits().size());
            assertEquals(1.0, first.aggregate().fix());
            RangeFeatures other = miners.range(local(b), null, b.c(2));
            assertTrue(other.flags().contains(FeatureFlag.BASE_MISSING));
            assertEquals(first.aggregate(), miners.range(local(a), a.c(1), a.c(3)).aggregate(),
                    "a evicted by b (max 1 open) and reopened");
        }
    }

    @Test
    void aMissingCommitOrRepositoryIsAReasonNotACrash() throws Exception {
        GitFixture a = GitFixture.create();
        try (RepositoryMiners miners = new RepositoryMiners(cache, new LruFeatureCache(100, FeatureCache.NONE),
                ExtractionOptions.defaults(), 4,
                TransferLimits.defaults(), Duration.ofMinutes(1), Clock.systemUTC())) {
            PredictionUnavailable missing = assertThrows(PredictionUnavailable.class,
                    () -> miners.range(local(a), null, "0123456789abcdef"));
            assertEquals(PredictionUnavailable.COMMIT_MISSING, missing.reason());
            assertEquals("commit", missing.field());
            PredictionUnavailable gone = assertThrows(PredictionUnavailable.class, () -> miners.range(
                    new RepositoryPolicy.Source(cache.resolve("nothing").toString(), false, Optional.empty()), null,
                    "abc"));
            assertEquals(PredictionUnavailable.REPOSITORY_UNREACHABLE, gone.reason());
        }
    }
}
