package dev.vigil.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryFeatureStoreTest {

    private static final CommitFeatures FEATURES = new CommitFeatures("3fa9c2d1e0", "alice@example.org", 1_700_000_000L,
            List.of(new FileChange("src/a.txt", "src/old.txt", 3, 1, 40, true),
                    new FileChange("img/logo.png", null, 0, 0, 0, false)),
            new ChangeFeatures(2, 2, 2, 0.81, 3, 1, 40, 1, 4, 12.5, 9, 30, 11.25, 7),
            Set.of(FeatureFlag.BINARY, FeatureFlag.MERGE));

    @TempDir
    Path dir;

    @Test
    void featuresRoundTripThroughTheDirectory() {
        DirectoryFeatureStore store = new DirectoryFeatureStore(dir);
        store.put("v1:3fa9c2d1e0", FEATURES);
        assertEquals(Optional.of(FEATURES), new DirectoryFeatureStore(dir).get("v1:3fa9c2d1e0"));
    }

    @Test
    void aMissingOrCorruptEntryIsAMissNotAnError() throws Exception {
        DirectoryFeatureStore store = new DirectoryFeatureStore(dir);
        assertTrue(store.get("v1:nothing").isEmpty());
        store.put("v1:3fa9c2d1e0", FEATURES);
        try (var files = Files.walk(dir)) {
            Path written = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            Files.writeString(written, "{not json");
        }
        assertTrue(store.get("v1:3fa9c2d1e0").isEmpty());
    }

    @Test
    void backsTheInMemoryCacheAcrossRestarts(@TempDir Path repoDir) throws Exception {
        try (TestRepository repo = new TestRepository(repoDir)) {
            var first = repo.write("a.txt", "1\n").commit("Alice", 0, "one");
            var second = repo.write("a.txt", "1\n2\n").commit("Bob", 1, "two");
            var store = new DirectoryFeatureStore(dir);
            RangeFeatures computed = new ChangeFeatureMiner(repo.git.getRepository(), ExtractionOptions.defaults(),
                    new LruFeatureCache(10, store)).range(first.name(), second.name());
            // a new process: empty memory, same directory
            var fromDisk = new LruFeatureCache(10, store).get("v" + ChangeFeatureMiner.DEFINITION_VERSION + ":"
                    + second.name());
            assertEquals(Optional.of(computed.commits().get(0)), fromDisk);
        }
    }
}
