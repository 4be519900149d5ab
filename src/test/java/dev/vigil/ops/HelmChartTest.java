package dev.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart lints strictly, renders for the default and the production values, and every rendered manifest
 * validates against the Kubernetes schemas (npm kubernetes-models, via ops-checks/validate-manifests.mjs).
 * Helm runs in-process through helm-java; no helm binary or cluster is needed.
 */
class HelmChartTest {

    /** helm-java's template defaults to Kubernetes 1.20, below the chart's kubeVersion constraint. */
    static final String KUBE_VERSION = "1.31.0";

    private static final ObjectMapper YAML = new YAMLMapper();

    @Test
    void lintsStrictly() {
        LintResult result = new Helm(OpsFiles.CHART).lint().strict().call();
        assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
        List<String> problems = result.getMessages().stream()
                .filter(m -> m.contains("[WARNING]") || m.contains("[ERROR]")).toList();
        assertTrue(problems.isEmpty(), () -> "helm lint warnings/errors: " + problems);
    }

    @Test
    void defaultValuesRenderAValidEmbeddedSingleReplica() throws IOException {
        List<JsonNode> docs = renderAndValidate("default", t -> t);
        assertEquals(Set.of("Deployment", "Service", "ServiceAccount", "PodDisruptionBudget", "NetworkPolicy"),
                kinds(docs));
        JsonNode deployment = only(docs, "Deployment");
        assertEquals(1, deployment.at("/spec/replicas").asInt());
        assertEquals("Recreate", deployment.at("/spec/strategy/type").asText());
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertEquals("ghcr.io/vigil-dev/vigil:" + appVersion(), container.get("image").asText());
        assertEquals("/deployments", container.get("workingDir").asText());
        assertProbesAndHardening(deployment);
        Map<String, JsonNode> env = env(container);
        assertFalse(env.containsKey("KAFKA_BOOTSTRAP_SERVERS"), "embedded mode: no external Kafka");
        assertFalse(env.containsKey("VIGIL_DATABASE_POSTGRES_URL"), "embedded mode: no PostgreSQL");
        assertEquals("false", env.get("VIGIL_GIT_ALLOW_LOCAL").get("value").asText(),
                "deploy events (any ingest token) must not make the pod open local paths");
        assertTrue(mountPaths(container).contains("/deployments/data"), "embedded state needs a writable data dir");
        assertEquals("emptyDir", volumeSource(deployment, "data"));
    }

    @Test
    void productionValuesRenderValidClusterMode() throws IOException {
        List<JsonNode> docs = renderAndValidate("production", t -> t.withValuesFile(OpsFiles.PRODUCTION_VALUES));
        assertEquals(Set.of("Deployment", "Service", "ServiceAccount", "PodDisruptionBudget", "NetworkPolicy",
                "ConfigMap", "ServiceMonitor", "PrometheusRule"), kinds(docs));
        JsonNode dashboards = docs.stream().filter(d -> d.at("/metadata/name").asText().equals("vigil-dashboards"))
                .findFirst().orElseThrow(() -> new AssertionError("no dashboards ConfigMap"));
        assertEquals("1", dashboards.at("/metadata/labels/grafana_dashboard").asText());
        for (Path file : DashboardTest.dashboards()) {
            String name = file.getFileName().toString();
            assertEquals(YAML.readTree(file.toFile()), YAML.readTree(dashboards.at("/data/" + name).asText()),
                    "dashboards ConfigMap entry " + name);
        }
        JsonNode deployment = only(docs, "Deployment");
        assertEquals(3, deployment.at("/spec/replicas").asInt());
        assertEquals("RollingUpdate", deployment.at("/spec/strategy/type").asText());
        assertProbesAndHardening(deployment);
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        Map<String, JsonNode> env = env(container);
        assertTrue(env.get("KAFKA_BOOTSTRAP_SERVERS").get("value").asText().contains(":9092"));
        assertEquals("jdbc:postgresql://postgres.db.svc:5432/vigil",
                env.get("VIGIL_DATABASE_POSTGRES_URL").get("value").asText());
        assertEquals("vigil-postgres", env.get("VIGIL_DATABASE_POSTGRES_PASSWORD").at("/valueFrom/secretKeyRef/name").asText());
        assertEquals("vigil-admin", env.get("VIGIL_SECURITY_ADMIN_TOKEN").at("/valueFrom/secretKeyRef/name").asText());
        assertTrue(mountPaths(container).containsAll(Set.of("/deployments/detectors", "/deployments/policies")));

        JsonNode monitor = only(docs, "ServiceMonitor");
        assertEquals("/q/metrics", monitor.at("/spec/endpoints/0/path").asText());
        assertEquals("http", monitor.at("/spec/endpoints/0/port").asText());

        JsonNode ruleGroups = only(docs, "PrometheusRule").at("/spec/groups");
        assertEquals(YAML.readTree(OpsFiles.RULES.toFile()).get("groups"), ruleGroups,
                "the PrometheusRule must carry files/prometheus/vigil-rules.yaml unchanged");
    }

    @Test
    void chartCarriesTheSameDashboardsAsGrafanaDirectory() throws IOException {
        for (Path file : DashboardTest.dashboards()) {
            Path copy = OpsFiles.CHART.resolve("files/dashboards").resolve(file.getFileName());
            assertEquals(Files.readString(file), Files.exists(copy) ? Files.readString(copy) : "<missing>",
                    () -> copy + " must be a copy of " + file + " (cp grafana/dashboards/*.json helm/vigil/files/dashboards/)");
        }
        try (var copies = Files.list(OpsFiles.CHART.resolve("files/dashboards"))) {
            assertEquals(DashboardTest.dashboards().size(), copies.count(), "stale dashboards in helm/vigil/files/dashboards");
        }
    }

    @Test
    void pendingRulesAreOptIn() throws IOException {
        List<JsonNode> docs = renderAndValidate("production-pending", t -> t.withValuesFile(OpsFiles.PRODUCTION_VALUES)
                .set("prometheusRule.includePending", true));
        List<String> groups = new ArrayList<>();
        only(docs, "PrometheusRule").at("/spec/groups").forEach(g -> groups.add(g.get("name").asText()));
        assertEquals(List.of("vigil-health", "vigil-detection", "vigil-gates"), groups);
    }

    @Test
    void embeddedSecretAndPersistenceVariant() throws IOException {
        List<JsonNode> docs = renderAndValidate("embedded-persistent", t -> t
                .set("persistence.enabled", true)
                .set("adminToken.value", "a-very-long-admin-token-0123456789")
                .set("autoscaling.enabled", false));
        assertTrue(kinds(docs).containsAll(Set.of("Secret", "PersistentVolumeClaim")));
        assertEquals("persistentVolumeClaim", volumeSource(only(docs, "Deployment"), "data"));
    }

    @Test
    void autoscaledClusterVariant() throws IOException {
        List<JsonNode> docs = renderAndValidate("autoscaled", t -> t.withValuesFile(OpsFiles.PRODUCTION_VALUES)
                .set("autoscaling.enabled", true));
        assertTrue(kinds(docs).contains("HorizontalPodAutoscaler"));
        assertTrue(only(docs, "Deployment").at("/spec/replicas").isMissingNode(), "the HPA owns replicas");
    }

    @Test
    void moreThanOneReplicaNeedsExternalKafkaAndPostgres() {
        assertRejected("replicaCount=3 in embedded mode", t -> t.set("replicaCount", 3),
                "/kafka/bootstrapServers");
        assertRejected("autoscaling in embedded mode", t -> t.set("autoscaling.enabled", true),
                "/postgresql/url");
        assertRejected("external Kafka but H2", t -> t.set("replicaCount", 2)
                .set("kafka.bootstrapServers", "kafka:9092"), "/postgresql/url");
    }

    @Test
    void inconsistentValuesFailWithAClearMessage() {
        assertRejected("short admin token", t -> t.set("adminToken.value", "too-short"), "/adminToken/value");
        assertRejected("typo in a value name", t -> t.set("replicas", 2), "replicas");
        assertRejected("not a PostgreSQL JDBC URL", t -> t.set("postgresql.url", "postgres://db/vigil"),
                "/postgresql/url");
        assertRejected("cluster mode without admin token", t -> t.withValuesFile(OpsFiles.PRODUCTION_VALUES)
                .set("adminToken.existingSecret", ""), "needs an admin token");
        assertRejected("PostgreSQL without password", t -> t.set("postgresql.url", "jdbc:postgresql://db/vigil"),
                "set postgresql.password or postgresql.existingSecret");
    }

    // ---------------------------------------------------------------------------------------------------------

    static TemplateCommand template() {
        return new Helm(OpsFiles.CHART).template().withName("vigil").withNamespace("vigil")
                .withKubeVersion(KUBE_VERSION);
    }

    /** Renders, writes the manifests to target/ops-checks/helm/NAME.yaml, validates them with kubernetes-models. */
    static List<JsonNode> renderAndValidate(String name, UnaryOperator<TemplateCommand> values) throws IOException {
        String manifests = values.apply(template()).call();
        Path file = OpsFiles.targetDir("helm").resolve(name + ".yaml");
        Files.writeString(file, manifests);
        ExternalTool.Result result = NodeChecks.node("validate-manifests.mjs", List.of(file.toString()));
        assertEquals(0, result.exitCode(), () -> "rendered manifests (" + name + ", " + file
                + ") do not validate against the Kubernetes schemas:\n" + result.output());
        return documents(manifests);
    }

    /** The documents of a rendered multi-document manifest. */
    static List<JsonNode> documents(String manifests) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(manifests)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    docs.add(d);
                }
            });
        }
        return docs;
    }

    private static void assertRejected(String what, UnaryOperator<TemplateCommand> values, String expectedInMessage) {
        Exception e = assertThrows(Exception.class, () -> values.apply(template()).call(),
                what + " must not render");
        assertTrue(String.valueOf(e.getMessage()).contains(expectedInMessage),
                () -> what + ": expected the message to name '" + expectedInMessage + "' but was: " + e.getMessage());
    }

    private static void assertProbesAndHardening(JsonNode deployment) {
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText());
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals(8080, container.at("/ports/0/containerPort").asInt());
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
        assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
        assertEquals("ALL", container.at("/securityContext/capabilities/drop/0").asText());
        assertFalse(container.at("/resources/requests").isMissingNode(), "resources.requests");
        assertFalse(pod.at("/automountServiceAccountToken").asBoolean(true));
    }

    private static Set<String> kinds(List<JsonNode> docs) {
        Set<String> kinds = new TreeSet<>();
        docs.forEach(d -> kinds.add(d.get("kind").asText()));
        return kinds;
    }

    private static JsonNode only(List<JsonNode> docs, String kind) {
        List<JsonNode> found = docs.stream().filter(d -> kind.equals(d.get("kind").asText())).toList();
        assertEquals(1, found.size(), () -> "expected one " + kind + ", found " + found.size());
        return found.get(0);
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new java.util.LinkedHashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), e));
        return env;
    }

    private static Set<String> mountPaths(JsonNode container) {
        Set<String> paths = new TreeSet<>();
        container.get("volumeMounts").forEach(m -> paths.add(m.get("mountPath").asText()));
        return paths;
    }

    private static String volumeSource(JsonNode deployment, String volume) {
        JsonNode v = StreamSupport.stream(deployment.at("/spec/template/spec/volumes").spliterator(), false)
                .filter(n -> volume.equals(n.get("name").asText())).findFirst().orElseThrow();
        List<String> fields = new ArrayList<>();
        v.properties().forEach(e -> fields.add(e.getKey()));
        fields.remove("name");
        assertEquals(1, fields.size());
        return fields.get(0);
    }

    private static String appVersion() throws IOException {
        JsonNode chart = YAML.readTree(OpsFiles.CHART.resolve("Chart.yaml").toFile());
        assertNotNull(chart.get("appVersion"));
        return chart.get("appVersion").asText();
    }
}
