package dev.vigil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.vigil.config.RunModeConfigInterceptor;
import dev.vigil.config.VigilConfig;
import dev.vigil.detect.definition.DefinitionException;
import dev.vigil.detect.definition.DefinitionLoader;
import dev.vigil.detect.definition.DetectorDefinition;
import dev.vigil.detect.service.DetectConfig;
import dev.vigil.gate.GatePolicy;
import dev.vigil.gate.policy.PolicyLoadException;
import dev.vigil.gate.policy.PolicyLoader;
import dev.vigil.gate.service.GateConfig;
import dev.vigil.validation.KubeletMount;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart and the application cannot disagree. The chart is rendered with each shipped values file and what the
 * Vigil container would get goes through Vigil's own code: every environment variable must be a key of Vigil's
 * configuration (its {@code @ConfigMapping} interfaces, application.properties), and SmallRye Config must accept
 * the values as at start-up (conversions, the run mode derived by {@link RunModeConfigInterceptor}); every mounted
 * ConfigMap is laid out as kubelet mounts it and loaded by {@link DefinitionLoader} or {@link PolicyLoader} from the
 * directory Vigil reads, resolved against the container's working directory.
 */
class ChartConfigTest {

    /** Keys Vigil reads that no {@code @ConfigMapping} or application.properties declares. */
    private static final Set<String> OTHER_KEYS = Set.of(
            "kafka.bootstrap.servers", // TopicInitializer, RunModeConfigInterceptor, the Kafka connector
            "quarkus.http.port");
    /** Environment variables that are not configuration keys, and who reads them. */
    private static final Map<String, String> NOT_CONFIG = Map.of("JAVA_TOOL_OPTIONS", "the JVM");

    private static final List<ConfigMappings.ConfigClass> MAPPINGS = configMappings();

    @TempDir
    Path tmp;

    /** The chart's own values.yaml and every file in helm/vigil/ci/. */
    static Stream<Path> shippedValues() throws IOException {
        try (Stream<Path> ci = Files.list(OpsFiles.CHART.resolve("ci"))) {
            return Stream.concat(Stream.of(OpsFiles.CHART.resolve("values.yaml")),
                    ci.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream());
        }
    }

    @ParameterizedTest
    @MethodSource("shippedValues")
    void everyEnvironmentVariableIsAKeyVigilReadsWithAValueItAccepts(Path values) throws IOException {
        Container vigil = render(values).container();
        Map<String, String> env = new TreeMap<>(vigil.env());
        NOT_CONFIG.keySet().forEach(env::remove);
        Map<String, String> keyOfEnv = keysByEnvName();
        List<String> unknown = env.keySet().stream().filter(name -> !keyOfEnv.containsKey(name)).toList();
        assertTrue(unknown.isEmpty(), () -> values + ": the chart sets " + unknown + ", which no key of Vigil's "
                + "configuration reads (a typo, or a key that was renamed)");

        SmallRyeConfig config = vigilConfig(env);
        env.forEach((name, value) -> assertEquals(value, config.getConfigValue(keyOfEnv.get(name)).getValue(),
                values + ": " + name + " must reach " + keyOfEnv.get(name)));
        assertEquals(env.containsKey("KAFKA_BOOTSTRAP_SERVERS"),
                !config.getConfigMapping(VigilConfig.class).kafka().embedded().enabled(), "run mode: Kafka");
        assertEquals(env.containsKey("VIGIL_DATABASE_POSTGRES_URL") ? "postgres" : "h2",
                config.getConfigMapping(VigilConfig.class).database().kind(), "run mode: database");
        assertEquals(vigil.port(), config.getValue("quarkus.http.port", Integer.class), "containerPort");
        assertEquals(vigil.resolve(config.getConfigMapping(VigilConfig.class).dataDir()), "/deployments/data");
        assertTrue(vigil.mounts().containsKey("/deployments/data"), values + ": the data dir must be mounted writable");
    }

    @ParameterizedTest
    @MethodSource("shippedValues")
    void everyMountedConfigMapLoadsWithVigilsLoadersFromTheDirectoryVigilReads(Path values) throws Exception {
        Rendered rendered = render(values);
        loadMountedConfigMaps(rendered, values);
        Set<String> mounted = new TreeSet<>(rendered.container().mounts().values());
        for (String name : rendered.configMaps().keySet()) {
            JsonNode map = rendered.configMaps().get(name);
            boolean grafanas = map.at("/metadata/labels/grafana_dashboard").isTextual();
            assertTrue(mounted.contains(name) || grafanas, () -> values + ": ConfigMap " + name
                    + " is rendered but neither mounted into Vigil nor labelled for Grafana's sidecar");
        }
    }

    @Test
    void productionValuesMountDefinitionsAndPoliciesThatVigilLoads() throws Exception {
        Loaded loaded = loadMountedConfigMaps(render(OpsFiles.PRODUCTION_VALUES), OpsFiles.PRODUCTION_VALUES);
        assertEquals(List.of("checkout-latency"), loaded.definitions());
        assertEquals(List.of("default", "production"), loaded.policies());
    }

    // ---------------------------------------------------------------------------------------------------------

    /** @param mounts mount path -> ConfigMap name, or "" for other volumes */
    private record Container(String workingDir, Map<String, String> env, Map<String, String> mounts, int port) {
        /** A relative directory of Vigil's configuration as the container sees it. */
        String resolve(String dir) {
            return Path.of(workingDir).resolve(dir).normalize().toString();
        }
    }

    private record Rendered(Container container, Map<String, JsonNode> configMaps) {
    }

    private record Loaded(List<String> definitions, List<String> policies) {
    }

    private Loaded loadMountedConfigMaps(Rendered rendered, Path values) throws Exception {
        Container vigil = rendered.container();
        SmallRyeConfig config = vigilConfig(new TreeMap<>(vigil.env()));
        String definitionsDir = vigil.resolve(config.getConfigMapping(DetectConfig.class).definitionsDir());
        String policiesDir = vigil.resolve(config.getConfigMapping(GateConfig.class).policiesDir());
        List<String> definitions = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        for (Map.Entry<String, String> mount : vigil.mounts().entrySet()) {
            JsonNode configMap = rendered.configMaps().get(mount.getValue());
            if (configMap == null) {
                continue;
            }
            Map<String, String> data = new TreeMap<>();
            configMap.get("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
            Path dir = KubeletMount.create(tmp.resolve(mount.getValue()), data).dir();
            if (mount.getKey().equals(definitionsDir)) {
                definitions.addAll(definitions(dir, values));
            } else if (mount.getKey().equals(policiesDir)) {
                policies.addAll(policies(dir, values));
            } else {
                fail(values + ": ConfigMap " + mount.getValue() + " is mounted at " + mount.getKey()
                        + ", but Vigil reads definitions from " + definitionsDir + " and policies from " + policiesDir);
            }
        }
        return new Loaded(definitions, policies);
    }

    private static List<String> definitions(Path dir, Path values) {
        try {
            return DefinitionLoader.loadDirectory(dir).definitions().stream().map(DetectorDefinition::name).sorted()
                    .toList();
        } catch (DefinitionException e) {
            return fail(values + ": the chart's detector definitions are rejected by Vigil:\n  "
                    + String.join("\n  ", e.issues().stream().map(Object::toString).toList()));
        }
    }

    private static List<String> policies(Path dir, Path values) throws IOException {
        try {
            return new PolicyLoader().loadDirectory(dir).all().stream().map(GatePolicy::name).sorted().toList();
        } catch (PolicyLoadException e) {
            return fail(values + ": the chart's gate policies are rejected by Vigil:\n  "
                    + String.join("\n  ", e.issues().stream().map(Object::toString).toList()));
        }
    }

    private static Rendered render(Path values) throws IOException {
        List<JsonNode> docs = HelmChartTest.documents(HelmChartTest.template().withValuesFile(values).call());
        Map<String, JsonNode> configMaps = new TreeMap<>();
        List<JsonNode> deployments = new ArrayList<>();
        for (JsonNode doc : docs) {
            switch (doc.get("kind").asText()) {
                case "ConfigMap" -> configMaps.put(doc.at("/metadata/name").asText(), doc);
                case "Deployment" -> deployments.add(doc);
                default -> { }
            }
        }
        assertEquals(1, deployments.size(), values + ": one Deployment");
        return new Rendered(container(deployments.get(0)), configMaps);
    }

    private static Container container(JsonNode deployment) {
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        Map<String, String> volumes = new LinkedHashMap<>();
        pod.get("volumes").forEach(v -> volumes.put(v.get("name").asText(), v.at("/configMap/name").asText("")));
        Map<String, String> mounts = new TreeMap<>();
        container.get("volumeMounts").forEach(m -> mounts.put(m.get("mountPath").asText(),
                volumes.getOrDefault(m.get("name").asText(), "")));
        Map<String, String> env = new LinkedHashMap<>();
        container.get("env").forEach(e -> env.put(e.get("name").asText(), envValue(e)));
        int port = StreamSupport.stream(container.get("ports").spliterator(), false)
                .filter(p -> "http".equals(p.get("name").asText())).findFirst().orElseThrow()
                .get("containerPort").asInt();
        return new Container(container.get("workingDir").asText(), env, mounts, port);
    }

    /** A value from a Secret stands in as a placeholder long enough for a token (the Secret is the operator's). */
    private static String envValue(JsonNode e) {
        if (e.has("value")) {
            return e.get("value").asText();
        }
        JsonNode ref = e.at("/valueFrom/secretKeyRef");
        assertFalse(ref.isMissingNode(), () -> "env " + e.get("name") + ": only values and secretKeyRefs are expected");
        return "from-secret-" + ref.get("name").asText() + "-" + ref.get("key").asText() + "-0123456789abcdef";
    }

    /** Vigil's configuration as SmallRye builds it at start-up, from the container's environment. */
    private static SmallRyeConfig vigilConfig(Map<String, String> env) throws IOException {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withInterceptors(new RunModeConfigInterceptor())
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 200,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(applicationProperties(), 250));
        MAPPINGS.forEach(m -> builder.withMapping(m.getType(), m.getPrefix()));
        return builder.build();
    }

    private static URL applicationProperties() {
        return ChartConfigTest.class.getClassLoader().getResource("application.properties");
    }

    /** Every key Vigil reads, by the environment variable that sets it (upper case, other characters to _). */
    private static Map<String, String> keysByEnvName() throws IOException {
        Set<String> keys = new TreeSet<>(OTHER_KEYS);
        MAPPINGS.forEach(m -> keys.addAll(ConfigMappings.getProperties(m).keySet()));
        Properties properties = new Properties();
        try (var in = applicationProperties().openStream()) {
            properties.load(in);
        }
        properties.stringPropertyNames().forEach(k -> keys.add(k.startsWith("%") ? k.substring(k.indexOf('.') + 1) : k));
        Map<String, String> byEnv = new TreeMap<>();
        keys.stream().filter(k -> !k.contains("*")).forEach(k -> byEnv.put(k.toUpperCase().replaceAll("[^A-Z0-9]", "_"), k));
        return byEnv;
    }

    /** Every {@code @ConfigMapping} of Vigil's main code, found by scanning it so that a new one is included. */
    private static List<ConfigMappings.ConfigClass> configMappings() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.vigil").stream()
                .filter(c -> c.isAnnotatedWith(ConfigMapping.class))
                .map(c -> {
                    Class<?> type = c.reflect();
                    return ConfigMappings.ConfigClass.configClass(type, type.getAnnotation(ConfigMapping.class).prefix());
                })
                .toList();
    }
}
