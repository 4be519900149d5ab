package dev.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.VigilTestResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second Vigil on a data directory in use says so in one sentence and exits; the first goes on. */
class SecondVigilIT {

    @TempDir
    Path workDir;

    @Test
    void aSecondVigilOnTheSameDataDirectoryExitsWithOneSentence() throws Exception {
        try (VigilProcess first = VigilProcess.start(workDir, "first.log", VigilTestResource.freePort(),
                VigilTestResource.freePort(), VigilTestResource.freePort())) {
            first.awaitReady();
            // other ports, same working directory and so the same ./data
            try (VigilProcess second = VigilProcess.start(workDir, "second.log", VigilTestResource.freePort(),
                    VigilTestResource.freePort(), VigilTestResource.freePort())) {
                assertEquals(1, second.awaitExit(Duration.ofSeconds(60)), second.output());
                List<String> lines = second.output().lines().filter(l -> !l.isBlank()).toList();
                assertEquals(List.of("Another Vigil (process " + first.pid() + ") is already running on the data "
                        + "directory " + workDir.resolve("data").toRealPath() + "; stop it, or give this one its own "
                        + "directory with -Dvigil.data-dir=... (VIGIL_DATA_DIR)."), lines);
            }
            assertTrue(first.alive(), "the first Vigil goes on");
            first.awaitReady();
            first.stop();
        }
    }
}
