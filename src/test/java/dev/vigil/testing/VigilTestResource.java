package dev.vigil.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the app under test in embedded mode, as the README's first command does, but in a fresh data directory
 * and on free ports so that a developer's own Vigil on 9092 is left alone. The embedded broker and H2 are the
 * real things; nothing is mocked.
 */
public class VigilTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_TOKEN = "vgl_test-admin-token-0123456789abcdef";

    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("vigil-test-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "vigil.data-dir", dataDir.toString(),
                "vigil.kafka.embedded.port", Integer.toString(freePort()),
                "vigil.kafka.embedded.controller-port", Integer.toString(freePort()),
                "vigil.security.admin-token", ADMIN_TOKEN,
                // Tests read /api/v1/series right after producing; the 10 s default favours ingest throughput.
                "vigil.ingest.series-flush-interval", "1s");
    }

    @Override
    public void stop() {
        deleteRecursively(dataDir);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
