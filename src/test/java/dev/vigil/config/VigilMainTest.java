package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which runs lock the data directory, and the lock itself within one JVM (two processes: SecondVigilIT). */
class VigilMainTest {

    @TempDir
    Path dir;

    @Test
    void embeddedRunsLockTheirDataDirectoryAndClusterRunsNone() {
        assertEquals(Optional.of(Path.of("./data")), VigilMain.statefulDataDir(config(Map.of())));
        assertEquals(Optional.of(Path.of("/var/vigil")), VigilMain.statefulDataDir(config(Map.of(
                "vigil.data-dir", "/var/vigil", "kafka.bootstrap.servers", "kafka:9092"))), "H2 still lives there");
        assertEquals(Optional.empty(), VigilMain.statefulDataDir(config(Map.of("kafka.bootstrap.servers", "kafka:9092",
                "vigil.database.postgres-url", "jdbc:postgresql://db/vigil"))));
    }

    @Test
    void theLockRecordsItsOwnerAndIsFreeAgainOnceReleased() throws Exception {
        DataDirLock lock = DataDirLock.tryAcquire(dir.resolve("data")).orElseThrow();
        assertEquals(Optional.of(Long.toString(ProcessHandle.current().pid())), DataDirLock.holder(dir.resolve("data")));
        assertTrue(DataDirLock.refusal(dir.resolve("data")).startsWith("Another Vigil (process "
                + ProcessHandle.current().pid() + ") is already running on the data directory " + dir.resolve("data")));
        lock.release();
        DataDirLock.tryAcquire(dir.resolve("data")).orElseThrow().release();
        assertTrue(Files.exists(dir.resolve("data/vigil.lock")));
    }

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withInterceptors(new RunModeConfigInterceptor())
                .withSources(new PropertiesConfigSource(values, "test", 300)).build();
    }
}
