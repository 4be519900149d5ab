package dev.vigil.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped plug-ins speak the contract of docs/gates.md: field names, verdict words, text header keys. */
class PluginContractTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void argoTemplateSendsAValidGateRequestAndReadsTheVerdict() throws Exception {
        JsonNode template = YAML.readTree(Path.of("pipeline-plugins/argo-rollouts/analysis-template.yaml").toFile());
        JsonNode metric = template.at("/spec/metrics/0");
        assertEquals("result == \"PASS\"", metric.get("successCondition").asText());
        assertEquals("result == \"FAIL\"", metric.get("failureCondition").asText());
        assertEquals(Verdict.PASS, Verdict.valueOf("PASS"));
        JsonNode web = metric.at("/provider/web");
        assertEquals("POST", web.get("method").asText());
        assertEquals("{$.verdict}", web.get("jsonPath").asText());
        assertTrue(web.get("url").asText().endsWith("/api/v1/gates/evaluate"));
        Map<String, String> args = new HashMap<>(defaults(template));
        args.putAll(Map.of("service", "checkout", "environment", "prod", "version", "1.5.0",
                "commit", "9f1c2ab", "baseline-hash", "6d4f8c", "canary-hash", "7b9e2a"));
        JsonNode body = JSON.readTree(substitute(web.get("body").asText(), args));
        GateRequest request = toRequest(body);
        assertEquals("checkout", request.service());
        assertEquals(new CanaryRequest("rollouts_pod_template_hash", "6d4f8c", "7b9e2a", List.of(),
                Duration.ofMinutes(10), null), request.canary());
    }

    @Test
    void argoTemplateDefaultCanaryLabelIsAValidPrometheusLabelName() throws Exception {
        JsonNode template = YAML.readTree(Path.of("pipeline-plugins/argo-rollouts/analysis-template.yaml").toFile());
        String label = defaults(template).get("canary-label");
        // Argo's pod label rollouts-pod-template-hash reaches Prometheus relabelled with underscores.
        assertTrue(label.matches("[a-zA-Z_][a-zA-Z0-9_]*"), "not a Prometheus label name: " + label);
        assertEquals("rollouts_pod_template_hash", label);
    }

    /** The template's arguments that have a literal default value. */
    private static Map<String, String> defaults(JsonNode template) {
        Map<String, String> values = new HashMap<>();
        template.at("/spec/args").forEach(a -> {
            if (a.has("value")) {
                values.put(a.get("name").asText(), a.get("value").asText());
            }
        });
        return values;
    }

    @Test
    void argoRolloutExampleSuppliesEveryArgumentTheTemplateLeavesOpen() throws Exception {
        JsonNode template = YAML.readTree(Path.of("pipeline-plugins/argo-rollouts/analysis-template.yaml").toFile());
        JsonNode rollout = YAML.readTree(Path.of("pipeline-plugins/argo-rollouts/rollout-example.yaml").toFile());
        Set<String> open = new LinkedHashSet<>();
        template.at("/spec/args").forEach(a -> {
            if (!a.has("value") && !a.has("valueFrom")) {
                open.add(a.get("name").asText());
            }
        });
        Set<String> given = new LinkedHashSet<>();
        rollout.at("/spec/strategy/canary/steps/2/analysis/args").forEach(a -> given.add(a.get("name").asText()));
        assertEquals(open, given);
    }

    @Test
    void flaggerExampleMetadataMapsOntoGateRequests() throws Exception {
        JsonNode canary = YAML.readTree(Path.of("pipeline-plugins/flagger/canary-webhooks.yaml").toFile());
        int hooks = 0;
        for (JsonNode hook : canary.at("/spec/analysis/webhooks")) {
            assertTrue(hook.get("url").asText().endsWith("/api/v1/gates/flagger"));
            Map<String, String> metadata = new HashMap<>();
            hook.get("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
            GateRequest r = new FlaggerWebhook("checkout", "shop", "Progressing", "85d557f47b", metadata).toRequest();
            assertEquals("prod", r.environment());
            assertEquals("1.5.0", r.version());
            hooks++;
        }
        assertEquals(2, hooks);
    }

    @Test
    void cliReadsOnlyHeaderKeysTheTextFormatWrites() throws Exception {
        String cli = Files.readString(Path.of("pipeline-plugins/cli/vigil-gate"));
        Set<String> read = new LinkedHashSet<>();
        Matcher header = Pattern.compile("header (\\w+)").matcher(cli);
        while (header.find()) {
            read.add(header.group(1));
        }
        Matcher awk = Pattern.compile("\\^\\(([a-z|]+)\\):\\$").matcher(cli);
        assertTrue(awk.find(), "the awk filter of header keys");
        read.addAll(List.of(awk.group(1).split("\\|")));
        GateRequest r = new GateRequest(null, "s", "e", "v", "c", null, null, null, null, null);
        String text = GateDecisionText.format(new GateEvaluation("id-1", GateEvaluation.Status.PENDING, r,
                Instant.EPOCH, null, "http://vigil/x"));
        for (String key : read) {
            assertTrue(text.contains("\n" + key + ": ") || text.startsWith(key + ": "), "text format lacks '" + key + "'");
        }
        assertTrue(read.containsAll(List.of("verdict", "id", "url")), read.toString());
    }

    private static String substitute(String template, Map<String, String> args) {
        String out = template;
        for (Map.Entry<String, String> a : args.entrySet()) {
            out = out.replace("{{args." + a.getKey() + "}}", a.getValue());
        }
        assertTrue(!out.contains("{{"), "unsubstituted argument in " + out);
        return out;
    }

    /** The mapping the REST layer performs; any unknown field would be a 400 there, so it fails here. */
    private static GateRequest toRequest(JsonNode body) {
        Set<String> known = Set.of("requestId", "service", "environment", "version", "commit", "previousCommit",
                "repository", "policy", "deployedAt", "canary");
        body.fieldNames().forEachRemaining(f -> assertTrue(known.contains(f), "unknown request field " + f));
        JsonNode c = body.get("canary");
        CanaryRequest canary = c == null ? null : new CanaryRequest(c.get("label").asText(), c.get("baseline").asText(),
                c.get("canary").asText(), List.of(), c.has("window") ? Duration.parse(c.get("window").asText()) : null,
                c.has("waitFor") ? Duration.parse(c.get("waitFor").asText()) : null);
        return new GateRequest(null, body.get("service").asText(), body.get("environment").asText(),
                body.get("version").asText(), body.get("commit").asText(), null, null, null, canary, null);
    }
}
