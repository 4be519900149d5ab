package dev.vigil.ops;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locations of the operations artefacts, relative to the project directory (Maven runs tests there). */
final class OpsFiles {

    static final Path ROOT = findRoot();
    static final Path CHART = ROOT.resolve("helm/vigil");
    static final Path PRODUCTION_VALUES = CHART.resolve("ci/production-values.yaml");
    static final Path RULES = CHART.resolve("files/prometheus/vigil-rules.yaml");
    static final Path PENDING_RULES = CHART.resolve("files/prometheus/vigil-pending-rules.yaml");
    static final Path GRAFANA = ROOT.resolve("grafana");
    static final Path DASHBOARDS = GRAFANA.resolve("dashboards");
    static final Path METRICS_USED = GRAFANA.resolve("metrics-used.txt");
    static final Path METRICS_PENDING = GRAFANA.resolve("metrics-pending.txt");
    static final Path OPS_CHECKS = ROOT.resolve("ops-checks");
    static final Path TEST_RESOURCES = ROOT.resolve("src/test/resources/ops");

    private OpsFiles() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("helm/vigil"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            fail("cannot find the project directory (one holding helm/vigil) from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path targetDir(String name) {
        Path dir = ROOT.resolve("target/ops-checks").resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }
}
