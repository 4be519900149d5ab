package dev.vigil.gate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.canary.NanStrategy;
import dev.vigil.core.Direction;
import dev.vigil.core.Severity;
import dev.vigil.gate.AnomaliesCheck;
import dev.vigil.gate.CanaryCheck;
import dev.vigil.gate.GateCheck;
import dev.vigil.gate.GatePolicy;
import dev.vigil.gate.OnError;
import dev.vigil.gate.OnInconclusive;
import dev.vigil.validation.ValidationIssue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

    private static final String BASE = """
            match:
              services: ["*"]
              environments: ["*"]
            checks:
              - name: anomalies
                kind: anomalies
                minSeverity: warning
                pass: 0
                warn: 1
            """;

    private final PolicyLoader loader = new PolicyLoader();

    private ValidationIssue onlyIssue(String file, String text) {
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> loader.load(Map.of(file, text)));
        assertEquals(1, e.issues().size(), e.getMessage());
        return e.issues().get(0);
    }

    @Test
    void loadsTheShippedPoliciesWithInheritance() throws Exception {
        PolicySet set = loader.loadDirectory(Path.of("policies"));
        GatePolicy prod = set.named("production").orElseThrow();
        assertEquals(java.util.List.of("production", "default"), prod.lineage());
        assertEquals(java.util.List.of("open-critical-anomalies", "open-major-anomalies", "error-ratio",
                "latency-p99-vs-previous-release", "canary"), prod.checks().stream().map(GateCheck::name).toList());
        assertEquals(OnError.FAIL_CLOSED, prod.onError());
        assertEquals(OnInconclusive.INCONCLUSIVE, prod.onInconclusive());
        assertTrue(prod.version().matches("sha256:[0-9a-f]{16}"), prod.version());
        CanaryCheck canary = (CanaryCheck) prod.checks().get(4);
        assertEquals(Severity.CRITICAL, ((AnomaliesCheck) prod.checks().get(0)).minSeverity());
        assertEquals(Severity.WARNING, ((AnomaliesCheck) prod.checks().get(1)).minSeverity());
        assertEquals(Direction.UP, canary.metrics().get(0).spec().direction());
        assertEquals(Direction.DOWN, canary.metrics().get(2).spec().direction());
        assertEquals(NanStrategy.REPLACE, canary.metrics().get(1).spec().nanStrategy());
        assertEquals(1.5, canary.metrics().get(0).spec().effectSize().criticalIncrease());
        GatePolicy staging = set.named("staging").orElseThrow();
        assertEquals(java.util.List.of("open-major-anomalies"), staging.checks().stream().map(GateCheck::name).toList());
        assertEquals(OnInconclusive.WARN, staging.onInconclusive());
    }

    @Test
    void picksTheMostSpecificMatchingPolicy() throws Exception {
        PolicySet set = loader.loadDirectory(Path.of("policies"));
        assertEquals("production", set.select("checkout", "prod-eu", null).name());
        assertEquals("staging", set.select("checkout", "staging", null).name());
        assertEquals("default", set.select("checkout", "qa", null).name());
        PolicySelectionException e = assertThrows(PolicySelectionException.class,
                () -> set.select("checkout", "qa", "production"));
        assertEquals("policy 'production' does not apply to service 'checkout' in environment 'qa'", e.getMessage());
    }

    @Test
    void anExactServiceBeatsAGlobEnvironment() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("default.yaml", BASE);
        files.put("checkout.yaml", "extends: default\nmatch:\n  services: [checkout]\n  environments: [\"*\"]\n");
        files.put("prod.yaml", "extends: default\nmatch:\n  services: [\"*\"]\n  environments: [\"prod*\"]\n");
        PolicySet set = loader.load(files);
        assertEquals("checkout", set.select("checkout", "prod", null).name());
        assertEquals("prod", set.select("cart", "prod", null).name());
    }

    @Test
    void anOversizedOrAliasBombPolicyIsAnIssueNotAnHourOfCpu() {
        String big = BASE + "# " + "x".repeat(dev.vigil.validation.YamlLimits.MAX_CODE_POINTS) + "\n";
        assertThrows(PolicyLoadException.class, () -> loader.load(Map.of("p/big.yaml", big)));
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *").append(p)
                    .append(", *").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        long started = System.nanoTime();
        assertThrows(PolicyLoadException.class, () -> loader.load(Map.of("p/bomb.yaml", bomb.toString())));
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "refused quickly");
    }

    @Test
    void rejectsAMisspelledFieldWithFileLineAndField() {
        ValidationIssue issue = onlyIssue("p/typo.yaml", BASE.replace("minSeverity:", "minSeverty:"));
        assertEquals("p/typo.yaml", issue.file());
        assertEquals(7, issue.line());
        assertEquals(5, issue.column());
        assertEquals("checks[0].minSeverty", issue.field());
        assertTrue(issue.message().startsWith("unknown field 'minSeverty'; known fields: after, before, critical"),
                issue.message());
    }

    @Test
    void rejectsAnUnknownEnumValueListingTheAllowedOnes() {
        ValidationIssue issue = onlyIssue("bad.yaml", "onError: fail-close\n" + BASE);
        assertEquals(1, issue.line());
        assertEquals("onError", issue.field());
        assertEquals("invalid value 'fail-close'; expected one of fail-closed, fail-open", issue.message());
    }

    @Test
    void readsTheGatesFormerSeverityWordsAsAliasesOfTheOneScale() throws Exception {
        Map<String, Severity> expected = new LinkedHashMap<>();
        expected.put("info", Severity.INFO);
        expected.put("minor", Severity.WARNING); // no anomaly was ever graded minor: it counted what major counted
        expected.put("major", Severity.WARNING);
        expected.put("warning", Severity.WARNING);
        expected.put("Critical", Severity.CRITICAL);
        for (Map.Entry<String, Severity> e : expected.entrySet()) {
            PolicySet set = loader.load(Map.of("p.yaml", BASE.replace("minSeverity: warning", "minSeverity: " + e.getKey())));
            AnomaliesCheck check = (AnomaliesCheck) set.named("p").orElseThrow().checks().get(0);
            assertEquals(e.getValue(), check.minSeverity(), e.getKey());
        }
        PolicySet unset = loader.load(Map.of("p.yaml", BASE.replace("    minSeverity: warning\n", "")));
        assertEquals(Severity.WARNING, ((AnomaliesCheck) unset.named("p").orElseThrow().checks().get(0)).minSeverity(),
                "the default is warning (formerly major)");
    }

    @Test
    void rejectsAnUnknownSeverityNamingTheAcceptedWords() {
        ValidationIssue issue = onlyIssue("bad.yaml", BASE.replace("minSeverity: warning", "minSeverity: high"));
        assertEquals("checks[0].minSeverity", issue.field());
        assertEquals(7, issue.line());
        assertEquals(ValidationIssue.Kind.INVALID_VALUE, issue.kind());
        assertEquals("invalid value 'high'; expected info, warning or critical (major and minor are read as warning)",
                issue.message());
    }

    @Test
    void readsCanaryDirectionsInBothVocabularies() throws Exception {
        Map<String, Direction> expected = new LinkedHashMap<>();
        expected.put("up", Direction.UP);
        expected.put("increase", Direction.UP);
        expected.put("down", Direction.DOWN);
        expected.put("Decrease", Direction.DOWN);
        expected.put("both", Direction.BOTH);
        expected.put("either", Direction.BOTH);
        for (Map.Entry<String, Direction> e : expected.entrySet()) {
            PolicySet set = loader.load(Map.of("p.yaml", canary(e.getKey())));
            CanaryCheck check = (CanaryCheck) set.named("p").orElseThrow().checks().get(1);
            assertEquals(e.getValue(), check.metrics().get(0).spec().direction(), e.getKey());
        }
        ValidationIssue issue = onlyIssue("bad.yaml", canary("sideways"));
        assertEquals("checks[1].metrics[0].direction", issue.field());
        assertEquals("invalid value 'sideways'; expected up, down or both (or increase, decrease, either)",
                issue.message());
    }

    private static String canary(String direction) {
        return BASE + """
                  - name: canary
                    kind: canary
                    metrics:
                      - name: latency
                        direction: %s
                """.formatted(direction);
    }

    @Test
    void rejectsAnUnknownCheckKind() {
        ValidationIssue issue = onlyIssue("bad.yaml", BASE.replace("kind: anomalies", "kind: slos"));
        assertEquals("unknown check kind 'slos'; expected one of anomalies, slo, canary, failure-probability",
                issue.message());
        assertEquals("checks[0].kind", issue.field());
        assertEquals(6, issue.line());
    }

    @Test
    void rejectsADurationThatIsNotIso8601() {
        ValidationIssue issue = onlyIssue("bad.yaml", BASE.replace("pass: 0\n", "pass: 0\n    before: 10m\n"));
        assertEquals("checks[0].before", issue.field());
        assertEquals("invalid value '10m'; expected an ISO-8601 duration such as PT10M or PT1H30M", issue.message());
        assertEquals(9, issue.line());
    }

    @Test
    void rejectsWarnLimitLooserInTheWrongDirection() {
        ValidationIssue issue = onlyIssue("bad.yaml", BASE.replace("warn: 1", "warn: -1"));
        assertEquals("checks[0]", issue.field());
        assertEquals(5, issue.line());
        assertEquals("warn limit -1.0 must be >= pass limit 0.0 because lower values are better", issue.message());
    }

    @Test
    void rejectsACanaryMetricWithoutDirection() {
        String text = BASE + """
                  - name: canary
                    kind: canary
                    metrics:
                      - name: latency
                """;
        ValidationIssue issue = onlyIssue("bad.yaml", text);
        assertTrue(issue.message().startsWith("canary metric latency: field 'direction' is required"), issue.message());
        assertEquals("checks[1].metrics[0]", issue.field());
    }

    @Test
    void rejectsAnUnknownParentAndACycle() {
        ValidationIssue unknown = onlyIssue("child.yaml", "extends: defualt\n" + BASE);
        assertEquals("unknown policy 'defualt'; known: child", unknown.message());
        assertEquals(1, unknown.line());
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.yaml", "extends: b\n" + BASE);
        files.put("b.yaml", "extends: a\n" + BASE);
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> loader.load(files));
        assertTrue(e.getMessage().contains("inheritance cycle: a -> b -> a"), e.getMessage());
    }

    @Test
    void rejectsDuplicateKeysAndDuplicateCheckNames() {
        ValidationIssue dupKey = onlyIssue("dup.yaml", "onError: fail-open\nonError: fail-closed\n" + BASE);
        assertTrue(dupKey.message().contains("Duplicate field 'onError'"), dupKey.message());
        ValidationIssue dupCheck = onlyIssue("dup.yaml", BASE + BASE.substring(BASE.indexOf("  - name")));
        assertEquals("checks[1].name", dupCheck.field());
        assertEquals(10, dupCheck.line());
    }

    @Test
    void versionChangesWhenAParentChanges() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("default.yaml", BASE);
        files.put("child.yaml", "extends: default\n");
        String v1 = loader.load(files).named("child").orElseThrow().version();
        files.put("default.yaml", BASE.replace("warn: 1", "warn: 2"));
        String v2 = loader.load(files).named("child").orElseThrow().version();
        assertNotEquals(v1, v2);
        assertEquals(v1, loader.load(Map.of("default.yaml", BASE, "child.yaml", "extends: default\n"))
                .named("child").orElseThrow().version());
    }

    @Test
    void reportsEveryBrokenFileAtOnce() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.yaml", "onError: nope\n" + BASE);
        files.put("b.yaml", BASE.replace("kind: anomalies", "kind: nope"));
        PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> loader.load(files));
        assertEquals(2, e.issues().size());
    }
}
