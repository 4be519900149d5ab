package dev.vigil.detect.service;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A definitions directory holding the shipped definitions plus one {@code multivariate:} definition, for the
 * multivariate end-to-end test (the shipped set has none: multivariate detection is off unless configured).
 */
public class MultivariateDefinitionsResource implements QuarkusTestResourceLifecycleManager {

    static final String DEFINITION = """
            multivariate:
              - name: flow-pair
                service: "mvflow-*"
                metrics:
                  - metric: flow_requests_per_second
                  - metric: flow_latency_ms
                step: 60s
                grace: 30s
                window: 64
                warmUp: 48
                refitEvery: 32
                trees: 50
            """;

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("vigil-mv-definitions");
            try (Stream<Path> shipped = Files.list(Path.of("detectors"))) {
                for (Path f : shipped.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            Files.writeString(dir.resolve("multivariate.yaml"), DEFINITION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("vigil.detect.definitions-dir", dir.toString());
    }

    @Override
    public void stop() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
