package dev.vigil.detect.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.Direction;
import dev.vigil.core.SeriesKey;
import dev.vigil.detect.Seasonality;
import dev.vigil.detect.ValueKind;
import dev.vigil.validation.ValidationIssue.Kind;
import dev.vigil.validation.ValidationIssue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionLoaderTest {

    @Test
    void readsAFullDefinition() {
        DetectorDefinition d = DefinitionLoader.parse("lat.yaml", """
                detectors:
                  - name: checkout-latency
                    match:
                      service: checkout
                      metric: "*_latency_seconds"
                      labels: {quantile: "0.99"}
                    algorithm: seasonal
                    sensitivity: 0.7
                    seasonality: daily
                    direction: up
                    warmUp: 300
                    valueKind: gauge
                    rebaseline: 24
                    severity: {info: 0.8, warning: 0.9, critical: 0.97}
                """).get(0);
        assertEquals("checkout-latency", d.name());
        assertEquals(0.7, d.settings().sensitivity());
        assertEquals(Seasonality.DAILY, d.settings().seasonality());
        assertEquals(Direction.UP, d.settings().direction());
        assertEquals(300, d.settings().warmUpPoints());
        assertEquals(ValueKind.GAUGE, d.settings().valueKind());
        assertEquals(new SeverityMapping(0.8, 0.9, 0.97), d.severity());
        assertEquals(true, d.selector().matches(SeriesKey.of("checkout", "http_latency_seconds",
                Map.of("quantile", "0.99"))));
        assertEquals(false, d.selector().matches(SeriesKey.of("checkout", "http_latency_seconds", Map.of())));
    }

    @Test
    void misspelledFieldFailsWithFileLineAndField() {
        ValidationIssue issue = single("""
                detectors:
                  - name: a
                    sensitivty: 0.3
                """);
        assertEquals(new ValidationIssue("x.yaml", 3, "detectors[0].sensitivty", Kind.UNKNOWN_FIELD,
                issue.message()), issue);
        assertEquals(true, issue.message().startsWith("unknown field 'sensitivty'; allowed here: "));
    }

    @Test
    void outOfRangeValueNamesTheRule() {
        ValidationIssue issue = single("""
                detectors:
                  - name: a
                    warmUp: 2
                """);
        assertEquals(new ValidationIssue("x.yaml", 3, "detectors[0].warmUp", Kind.INVALID_VALUE,
                "warmUp must be in [10, 1000000], got 2"), issue);
    }

    @Test
    void wrongTypeIsReportedAsSuch() {
        ValidationIssue issue = single("""
                detectors:
                  - name: a
                    sensitivity: high
                """);
        assertEquals(Kind.WRONG_TYPE, issue.kind());
        assertEquals("detectors[0].sensitivity", issue.field());
        assertEquals(3, issue.line());
    }

    @Test
    void anUnknownDirectionNamesTheAcceptedWords() {
        ValidationIssue issue = single("""
                detectors:
                  - name: a
                    direction: sideways
                """);
        assertEquals(new ValidationIssue("x.yaml", 3, "detectors[0].direction", Kind.INVALID_VALUE,
                "unknown direction 'sideways'; expected up, down or both (or increase, decrease, either)"), issue);
    }

    @Test
    void directionsMayBeWrittenInTheCanarysWordsToo() {
        Map<String, Direction> expected = Map.of("up", Direction.UP, "UP", Direction.UP, "increase", Direction.UP,
                "down", Direction.DOWN, "decrease", Direction.DOWN, "both", Direction.BOTH, "either", Direction.BOTH);
        expected.forEach((word, direction) -> assertEquals(direction, DefinitionLoader.parse("d.yaml",
                "detectors:\n  - name: a\n    direction: " + word + "\n").get(0).settings().direction(), word));
    }

    @Test
    void severitiesMayBeWrittenAsFalseAlarmRates() {
        var e = assertThrows(DefinitionException.class, () -> DefinitionLoader.parse("rates.yaml", """
                detectors:
                  - name: quiet
                    severity: {info: 1/7d, warning: 1/30d, critical: 1/1w}
                """));
        assertEquals(List.of("detectors[0].severity"), e.issues().stream().map(ValidationIssue::field).toList(),
                "1/1w is more frequent than 1/30d: critical must be rarer than warning");
        DetectorDefinition ok = DefinitionLoader.parse("rates.yaml", """
                detectors:
                  - name: quiet
                    severity: {info: 1/1d, warning: 1/10d, critical: 1/100d}
                """).get(0);
        assertEquals(0.75, ok.severity().info(), 1e-12);
        assertEquals(0.85, ok.severity().warning(), 1e-12);
        assertEquals(0.95, ok.severity().critical(), 1e-12);
        DetectorDefinition mixed = DefinitionLoader.parse("mixed.yaml", """
                detectors:
                  - name: mixed
                    severity: {info: 2/48h, critical: 0.97}
                """).get(0);
        assertEquals(0.75, mixed.severity().info(), 1e-12, "2 per 48 hours is one a day");
        assertEquals(0.97, mixed.severity().critical(), 1e-12);
    }

    @Test
    void aSeverityThatIsNeitherAScoreNorARateNamesTheForms() {
        var e = assertThrows(DefinitionException.class, () -> DefinitionLoader.parse("x.yaml", """
                detectors:
                  - name: a
                    severity: {warning: often, critical: 3/1d}
                """));
        assertEquals(List.of("detectors[0].severity.warning", "detectors[0].severity.critical"),
                e.issues().stream().map(ValidationIssue::field).toList());
        assertTrue(e.issues().get(0).message().contains("1/10d"), e.issues().get(0).message());
        assertTrue(e.issues().get(1).message().contains("at most 1 per day"), e.issues().get(1).message());
    }

    @Test
    void badRegexAndDecreasingSeverityAreBothReported() {
        var e = assertThrows(DefinitionException.class, () -> DefinitionLoader.parse("x.yaml", """
                detectors:
                  - name: a
                    match:
                      metric: "/(/"
                    severity: {info: 0.9, warning: 0.8, critical: 0.95}
                """));
        List<String> fields = e.issues().stream().map(ValidationIssue::field).toList();
        assertEquals(List.of("detectors[0].match.metric", "detectors[0].severity"), fields);
        assertEquals(List.of(4, 5), e.issues().stream().map(ValidationIssue::line).toList());
    }

    @Test
    void duplicateNamesAcrossFilesFailTheDirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "detectors:\n  - name: same\n");
        Files.writeString(dir.resolve("b.yml"), "detectors:\n  - name: same\n");
        var e = assertThrows(DefinitionException.class, () -> DefinitionLoader.loadDirectory(dir));
        assertEquals(Kind.DUPLICATE_NAME, e.issues().get(0).kind());
    }

    @Test
    void shippedDirectoryLoadsAndPicksTheMostSpecificDefinition() {
        DefinitionSet set = DefinitionLoader.loadDirectory(Path.of("detectors"));
        assertEquals("latency", pick(set, "http_server_request_latency_seconds"));
        assertEquals("error-rate", pick(set, "http_errors_total"));
        assertEquals("throughput-counter", pick(set, "http_requests_total"));
        assertEquals("cpu", pick(set, "process_cpu_usage"));
        assertEquals("memory", pick(set, "jvm_memory_used_bytes"));
        assertEquals("saturation", pick(set, "executor_queue_depth"));
        assertEquals("default", pick(set, "orders_placed"));
    }

    @Test
    void shippedDefaultFileMatchesTheBuiltInDefault() {
        DetectorDefinition file = DefinitionLoader.loadSingle(Path.of("detectors/default.yaml"));
        DetectorDefinition builtIn = DefinitionLoader.shippedDefault();
        assertEquals(builtIn.settings(), file.settings());
        assertEquals(builtIn.severity(), file.severity());
        assertEquals(builtIn.priority(), file.priority());
    }

    @Test
    void exactMetricBeatsGlobAndMoreLabelsBreakTies() {
        DefinitionSet set = new DefinitionSet(DefinitionLoader.parse("x.yaml", """
                detectors:
                  - name: glob
                    match: {metric: "http_*"}
                  - name: exact
                    match: {metric: http_latency}
                  - name: exact-with-label
                    match: {metric: http_latency, labels: {env: prod}}
                """));
        assertEquals("exact", set.select(SeriesKey.of("s", "http_latency", Map.of())).get().name());
        assertEquals("exact-with-label",
                set.select(SeriesKey.of("s", "http_latency", Map.of("env", "prod"))).get().name());
        assertEquals("glob", set.select(SeriesKey.of("s", "http_other", Map.of())).get().name());
    }

    private static String pick(DefinitionSet set, String metric) {
        return set.select(SeriesKey.of("svc", metric, Map.of())).orElseThrow().name();
    }

    private static ValidationIssue single(String yaml) {
        var e = assertThrows(DefinitionException.class, () -> DefinitionLoader.parse("x.yaml", yaml));
        assertEquals(1, e.issues().size(), e.getMessage());
        return e.issues().get(0);
    }

    @Test
    void readsAMultivariateDefinitionBesideTheDetectors() {
        DefinitionSet set = DefinitionLoader.parseSet("mv.yaml", """
                multivariate:
                  - name: golden
                    service: "checkout*"
                    metrics:
                      - metric: http_requests_per_second
                      - metric: http_latency_ms
                        labels: {quantile: "0.99"}
                    step: 30s
                    grace: 10s
                    carry: 2
                    window: 2048
                    trees: 50
                    severity: {info: 1/1d, warning: 1/10d, critical: 1/100d}
                """);
        assertEquals(List.of(), set.definitions());
        MultivariateDefinition d = set.selectMultivariate("checkout-eu").orElseThrow();
        assertEquals("golden", d.name());
        assertEquals(java.time.Duration.ofSeconds(30), d.step());
        assertEquals(java.time.Duration.ofSeconds(10), d.grace());
        assertEquals(2, d.carry());
        assertEquals(2, d.settings().dimensions());
        assertEquals(2048, d.settings().window());
        assertEquals(50, d.settings().trees());
        assertEquals(1, d.slotOf(SeriesKey.of("checkout-eu", "http_latency_ms", Map.of("quantile", "0.99"))));
        assertEquals(-1, d.slotOf(SeriesKey.of("checkout-eu", "http_latency_ms", Map.of("quantile", "0.5"))));
        assertEquals(true, set.selectMultivariate("billing").isEmpty());
    }

    @Test
    void aBrokenMultivariateDefinitionIsReportedFieldByFieldWithLines() {
        var e = assertThrows(DefinitionException.class, () -> DefinitionLoader.parseSet("mv.yaml", """
                multivariate:
                  - name: golden
                    metrics:
                      - metric: http_requests_per_second
                    step: 2 minutes
                    trees: 5
                """));
        assertEquals(List.of("multivariate[0].service", "multivariate[0].metrics", "multivariate[0].step",
                "multivariate[0].trees"), e.issues().stream().map(ValidationIssue::field).toList());
        assertEquals(List.of(2, 3, 5, 6), e.issues().stream().map(ValidationIssue::line).toList(),
                e.issues().toString());
        assertTrue(e.issues().get(1).message().contains("2 to 16 key metrics, got 1"), e.issues().get(1).message());
        assertTrue(e.issues().get(2).message().contains("such as 30s, 5m or 1h"), e.issues().get(2).message());
    }

    @Test
    void aMultivariateNameMayNotRepeatADetectorsName(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "detectors:\n  - name: golden\n");
        Files.writeString(dir.resolve("b.yaml"), """
                multivariate:
                  - name: golden
                    service: "*"
                    metrics: [{metric: a}, {metric: b}]
                """);
        var e = assertThrows(DefinitionException.class, () -> DefinitionLoader.loadDirectory(dir));
        assertEquals(Kind.DUPLICATE_NAME, e.issues().get(0).kind());
        assertTrue(e.issues().get(0).file().endsWith("b.yaml"), e.issues().get(0).toString());
    }
}
