package dev.vigil.predict.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The defaults of {@code vigil.git.*} as the mapping gives them, with nothing configured. */
class GitConfigDefaultsTest {

    @Test
    void localRepositoriesAreOffAndRemoteTransfersBoundedUnlessConfigured() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GitConfig.class)
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withConverter(Duration.class, 100, new DurationConverter()).build(); // Quarkus's own converters
        GitConfig git = config.getConfigMapping(GitConfig.class);
        assertFalse(git.allowLocal(), "a deploy event (any ingest token) names the path");
        assertEquals(Duration.ofSeconds(30), git.timeout());
        assertEquals(1L << 30, git.maxTransferSize().asLongValue());
        assertEquals(Duration.ofMinutes(10), git.maxTransferTime());
    }
}
