package dev.vigil.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Metric names that Vigil's dashboards and alert rules use, and the comparison with what a running Vigil exports
 * at /q/metrics.
 *
 * <p>Sources: every {@code expr} in grafana/dashboards/*.json (panel targets and annotations), the metric in every
 * {@code label_values(metric, label)} variable query, every {@code expr} in the Prometheus rule files
 * (helm/vigil/files/prometheus/*.yaml) and every query model {@code expr} in grafana/provisioning/alerting.
 * Names in grafana/metrics-pending.txt are used on purpose before Vigil exports them (detection, gates,
 * prediction); {@link #problems(String)} reports them once they appear, so the list is turned on by deleting lines.
 *
 * <p>For the live check (a {@code @QuarkusTest} that scrapes /q/metrics):
 * {@code assertEquals(List.of(), MetricNames.problems(scrape))}.
 */
public final class MetricNames {

    /** Series Prometheus itself adds to every target; never in /q/metrics. */
    static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^]]*]");
    private static final Pattern IDENT = Pattern.compile("(?<![\\w:$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Pattern LABEL_VALUES = Pattern.compile(
            "label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?)\\s*,");
    private static final Pattern SAMPLE_NAME = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private MetricNames() {
    }

    /** Metric names in one PromQL expression (functions, keywords, labels, durations and variables excluded). */
    public static SortedSet<String> inExpression(String promql) {
        String s = STRING.matcher(promql).replaceAll("\"\"");
        s = GROUPING.matcher(s).replaceAll(" ");
        s = BRACES.matcher(s).replaceAll(" ");
        s = BRACKETS.matcher(s).replaceAll(" ");
        SortedSet<String> names = new TreeSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            String name = m.group(1);
            boolean isCall = m.group(2) != null;
            if (!isCall && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Metric names in a Grafana variable query: the metric argument of label_values(metric, label). */
    public static SortedSet<String> inVariableQuery(String query) {
        SortedSet<String> names = new TreeSet<>();
        Matcher m = LABEL_VALUES.matcher(query);
        while (m.find()) {
            names.addAll(inExpression(m.group(1)));
        }
        return names;
    }

    /** Metric names (sample lines) in a Prometheus text exposition, e.g. the body of /q/metrics. */
    public static SortedSet<String> inScrape(String scrape) {
        SortedSet<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE_NAME.matcher(t);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The names in {@code used} that the scrape does not export (series Prometheus adds itself do not count). */
    public static SortedSet<String> missingFrom(String scrape, Set<String> used) {
        SortedSet<String> exported = inScrape(scrape);
        SortedSet<String> missing = new TreeSet<>();
        for (String name : used) {
            if (!SYNTHETIC.contains(name) && !exported.contains(name)) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** Every metric name used by the dashboards, the Prometheus rule files and the Grafana alert rules. */
    public static SortedSet<String> used() {
        SortedSet<String> names = new TreeSet<>();
        names.addAll(usedByDashboards());
        names.addAll(usedByRules());
        names.addAll(usedByGrafanaAlerts());
        return names;
    }

    public static SortedSet<String> usedByDashboards() {
        SortedSet<String> names = new TreeSet<>();
        for (Path file : files(OpsFiles.DASHBOARDS, ".json")) {
            JsonNode dashboard = read(JSON, file);
            collectExpr(dashboard, names);
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                JsonNode query = variable.path("query");
                String text = query.isTextual() ? query.asText() : query.path("query").asText("");
                if ("query".equals(variable.path("type").asText())) {
                    names.addAll(inVariableQuery(text));
                }
            }
        }
        return names;
    }

    public static SortedSet<String> usedByRules() {
        SortedSet<String> names = new TreeSet<>();
        for (Path file : files(OpsFiles.RULES.getParent(), ".yaml")) {
            for (JsonNode group : read(YAML, file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    names.addAll(inExpression(rule.path("expr").asText()));
                }
            }
        }
        return names;
    }

    public static SortedSet<String> usedByGrafanaAlerts() {
        SortedSet<String> names = new TreeSet<>();
        for (Path file : files(OpsFiles.GRAFANA.resolve("provisioning/alerting"), ".yaml")) {
            collectExpr(read(YAML, file), names);
        }
        return names;
    }

    /** Names used before Vigil exports them: grafana/metrics-pending.txt (# comments and blank lines ignored). */
    public static SortedSet<String> pending() {
        return readList(OpsFiles.METRICS_PENDING);
    }

    /** Names a running Vigil must export today: {@link #used()} minus {@link #pending()}. */
    public static SortedSet<String> expectedInScrape() {
        SortedSet<String> expected = new TreeSet<>(used());
        expected.removeAll(pending());
        expected.removeAll(SYNTHETIC);
        return expected;
    }

    /**
     * What is wrong between the dashboards/rules and a scrape of a running Vigil: names used but not exported, and
     * pending names that are exported now (delete them from grafana/metrics-pending.txt). Empty when all is well.
     */
    public static List<String> problems(String scrape) {
        List<String> problems = new ArrayList<>();
        SortedSet<String> missing = missingFrom(scrape, expectedInScrape());
        if (!missing.isEmpty()) {
            problems.add("used in grafana/ or helm/vigil/files/prometheus/ but not exported at /q/metrics: " + missing);
        }
        SortedSet<String> nowExported = new TreeSet<>(pending());
        nowExported.retainAll(inScrape(scrape));
        if (!nowExported.isEmpty()) {
            problems.add("exported now, remove from grafana/metrics-pending.txt: " + nowExported);
        }
        return problems;
    }

    static SortedSet<String> readList(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            SortedSet<String> names = new TreeSet<>();
            lines.map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collectExpr(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if ("expr".equals(field.getKey()) && field.getValue().isTextual()) {
                    names.addAll(inExpression(field.getValue().asText()));
                } else {
                    collectExpr(field.getValue(), names);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectExpr(child, names));
        }
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }
}
