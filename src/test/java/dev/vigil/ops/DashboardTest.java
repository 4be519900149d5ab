package dev.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Grafana dashboards: valid against a JSON Schema generated from @grafana/schema's Dashboard type
 * (ops-checks/validate-dashboards.mjs), unique panel ids, a Prometheus datasource variable and no hard-coded
 * datasource uid, the variables each dashboard is meant to have.
 */
class DashboardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Datasource uids that are not a choice of the user: Grafana's built-in annotations and expressions. */
    private static final Set<String> BUILT_IN_UIDS = Set.of("-- Grafana --", "grafana", "__expr__");

    @Test
    void dashboardsValidateAgainstGrafanasSchema() throws IOException {
        List<String> args = new ArrayList<>(List.of("--write-schema",
                OpsFiles.targetDir("grafana").resolve("dashboard.schema.json").toString()));
        dashboards().forEach(p -> args.add(p.toString()));
        ExternalTool.Result result = NodeChecks.node("validate-dashboards.mjs", args);
        assertEquals(0, result.exitCode(), () -> "dashboards do not validate against @grafana/schema:\n" + result.output());
    }

    @Test
    void panelIdsAreUniqueWithinEachDashboard() throws IOException {
        for (Path file : dashboards()) {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : allPanels(read(file))) {
                assertTrue(panel.has("id"), () -> file + ": panel '" + panel.path("title").asText() + "' has no id");
                int id = panel.get("id").asInt();
                assertTrue(ids.add(id), () -> file + ": panel id " + id + " is used twice");
            }
        }
    }

    @Test
    void noHardCodedDatasourceUid() throws IOException {
        for (Path file : dashboards()) {
            List<String> uids = new ArrayList<>();
            collectDatasourceUids(read(file), uids);
            assertFalse(uids.isEmpty(), file + " references no datasource");
            for (String uid : uids) {
                assertTrue(uid.equals("${datasource}") || uid.equals("$datasource") || BUILT_IN_UIDS.contains(uid),
                        () -> file + ": datasource uid '" + uid + "' is hard-coded; use ${datasource}");
            }
        }
    }

    @Test
    void everyDashboardHasAPrometheusDatasourceVariableAndItsFilters() throws IOException {
        Map<String, Set<String>> expected = Map.of(
                "vigil-health.json", Set.of("datasource", "job", "instance"),
                "vigil-overview.json", Set.of("datasource", "environment", "service"),
                "vigil-service.json", Set.of("datasource", "environment", "service", "metric"));
        List<Path> files = dashboards();
        assertEquals(expected.keySet(), Set.copyOf(files.stream().map(p -> p.getFileName().toString()).toList()));
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode dashboard = read(file);
            assertTrue(uids.add(dashboard.path("uid").asText()), file + ": dashboard uid not unique");
            assertTrue(dashboard.path("uid").asText().length() <= 40, file + ": uid longer than 40 characters");
            Set<String> names = new HashSet<>();
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                names.add(variable.path("name").asText());
                if ("datasource".equals(variable.path("name").asText())) {
                    assertEquals("datasource", variable.path("type").asText(), file + ": $datasource type");
                    assertEquals("prometheus", variable.path("query").asText(), file + ": $datasource plugin");
                }
            }
            assertEquals(expected.get(file.getFileName().toString()), names, file + ": variables");
        }
    }

    @Test
    void everyQueryHasARefIdAnExpressionAndFitsTheGrid() throws IOException {
        for (Path file : dashboards()) {
            for (JsonNode panel : allPanels(read(file))) {
                String where = file.getFileName() + " panel " + panel.path("id").asInt() + " '" + panel.path("title").asText() + "'";
                JsonNode grid = panel.path("gridPos");
                assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, where + ": wider than the grid");
                if ("row".equals(panel.path("type").asText())) {
                    continue;
                }
                assertTrue(panel.path("targets").size() > 0, where + ": no query");
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertTrue(refIds.add(target.path("refId").asText()), where + ": duplicate refId");
                    assertFalse(target.path("expr").asText().isBlank(), where + ": empty expr");
                }
            }
        }
    }

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(OpsFiles.DASHBOARDS)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static List<JsonNode> allPanels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add); // panels inside collapsed rows
        }
        return panels;
    }

    private static void collectDatasourceUids(JsonNode node, List<String> uids) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                if ("datasource".equals(field.getKey())) {
                    if (value.isTextual()) {
                        uids.add(value.asText()); // legacy form: datasource by name or uid string
                    } else if (value.has("uid")) {
                        uids.add(value.get("uid").asText());
                    }
                }
                if ("datasourceUid".equals(field.getKey()) && value.isTextual()) {
                    uids.add(value.asText());
                }
                collectDatasourceUids(value, uids);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectDatasourceUids(child, uids));
        }
    }
}
