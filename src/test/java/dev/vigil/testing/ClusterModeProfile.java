package dev.vigil.testing;

import dev.vigil.kafka.EmbeddedKafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Cluster mode: Kafka and PostgreSQL are outside the app. The "outside" broker is a separate KRaft broker in
 * this JVM (the app only gets its address); PostgreSQL is the real server, in a fresh schema.
 */
public class ClusterModeProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(External.class));
    }

    public static class External implements QuarkusTestResourceLifecycleManager {
        private EmbeddedKafkaBroker broker;
        private Path dir;

        @Override
        public Map<String, String> start() {
            try {
                dir = Files.createTempDirectory("vigil-external-kafka");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            broker = new EmbeddedKafkaBroker(dir, VigilTestResource.freePort(), VigilTestResource.freePort());
            broker.start();
            return Map.of(
                    "kafka.bootstrap.servers", broker.bootstrapServers(),
                    "vigil.database.postgres-url", Postgres.freshSchemaUrl(),
                    "vigil.database.postgres-user", Postgres.USER,
                    "vigil.database.postgres-password", Postgres.PASSWORD);
        }

        @Override
        public void stop() {
            if (broker != null) {
                broker.close();
            }
            VigilTestResource.deleteRecursively(dir);
        }
    }
}
