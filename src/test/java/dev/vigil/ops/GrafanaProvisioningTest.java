package dev.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Grafana provisioning files: the dashboard provider, the datasource, and alert rules that say the same as the
 * Prometheus rule files (query A plus threshold C equals the rule's expr; same `for` and labels).
 */
class GrafanaProvisioningTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Path PROVISIONING = OpsFiles.GRAFANA.resolve("provisioning");

    @Test
    void dashboardProviderAndDatasourceAreWellFormed() throws IOException {
        JsonNode providers = YAML.readTree(PROVISIONING.resolve("dashboards/vigil.yaml").toFile());
        assertEquals(1, providers.path("apiVersion").asInt());
        JsonNode provider = providers.path("providers").get(0);
        assertEquals("file", provider.path("type").asText());
        assertFalse(provider.at("/options/path").asText().isBlank());

        JsonNode datasources = YAML.readTree(PROVISIONING.resolve("datasources/vigil-prometheus.yaml").toFile());
        assertEquals(1, datasources.path("apiVersion").asInt());
        JsonNode ds = datasources.path("datasources").get(0);
        assertEquals("prometheus", ds.path("type").asText());
        assertEquals("vigil-prometheus", ds.path("uid").asText());
    }

    @Test
    void grafanaAlertsMirrorThePrometheusRules() throws IOException {
        Map<String, JsonNode> promRules = new HashMap<>();
        Set<String> pendingAlerts = new HashSet<>();
        for (Path file : new Path[] {OpsFiles.RULES, OpsFiles.PENDING_RULES}) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    promRules.put(rule.path("alert").asText(), rule);
                    if (file.equals(OpsFiles.PENDING_RULES)) {
                        pendingAlerts.add(rule.path("alert").asText());
                    }
                }
            }
        }
        JsonNode alerting = YAML.readTree(PROVISIONING.resolve("alerting/vigil-alerts.yaml").toFile());
        assertEquals(1, alerting.path("apiVersion").asInt());
        Set<String> seen = new HashSet<>();
        Set<String> uids = new HashSet<>();
        for (JsonNode group : alerting.path("groups")) {
            assertFalse(group.path("folder").asText().isBlank(), "alert group folder");
            for (JsonNode rule : group.path("rules")) {
                String title = rule.path("title").asText();
                JsonNode prom = promRules.get(title);
                assertNotNull(prom, () -> "Grafana alert " + title + " has no Prometheus rule of that name");
                assertTrue(seen.add(title), "duplicate Grafana alert " + title);
                String uid = rule.path("uid").asText();
                assertTrue(uids.add(uid) && uid.length() <= 40 && uid.matches("[a-zA-Z0-9_-]+"), "bad uid " + uid);
                assertEquals("C", rule.path("condition").asText(), title);

                JsonNode query = refId(rule, "A");
                assertEquals("vigil-prometheus", query.path("datasourceUid").asText(), title);
                JsonNode threshold = refId(rule, "C").path("model");
                assertEquals("threshold", threshold.path("type").asText(), title);
                assertEquals("A", threshold.path("expression").asText(), title);
                JsonNode evaluator = threshold.at("/conditions/0/evaluator");
                String op = switch (evaluator.path("type").asText()) {
                    case "gt" -> ">";
                    case "lt" -> "<";
                    default -> throw new AssertionError(title + ": unsupported evaluator " + evaluator);
                };
                String grafanaExpr = query.at("/model/expr").asText() + " " + op + " "
                        + number(evaluator.path("params").get(0));
                assertEquals(normalize(prom.path("expr").asText()), normalize(grafanaExpr),
                        title + ": Grafana query A + threshold C differs from the Prometheus rule");
                assertEquals(prom.path("for").asText("0s"), rule.path("for").asText("0s"), title + ": for");
                assertEquals(prom.path("labels"), rule.path("labels"), title + ": labels");
                assertEquals(pendingAlerts.contains(title), rule.path("isPaused").asBoolean(false),
                        title + ": alerts on pending metrics are provisioned paused, the others active");
            }
        }
        assertEquals(promRules.keySet(), seen, "every Prometheus alert has a Grafana twin");
    }

    private static JsonNode refId(JsonNode rule, String refId) {
        for (JsonNode data : rule.path("data")) {
            if (refId.equals(data.path("refId").asText())) {
                return data;
            }
        }
        throw new AssertionError(rule.path("title").asText() + ": no data item with refId " + refId);
    }

    private static String number(JsonNode n) {
        double d = n.asDouble();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String normalize(String expr) {
        return expr.replaceAll("\\s+", " ").strip();
    }
}
