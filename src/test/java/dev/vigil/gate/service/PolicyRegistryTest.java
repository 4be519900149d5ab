package dev.vigil.gate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gate.GatePolicy;
import dev.vigil.gate.policy.PolicyLoadException;
import dev.vigil.validation.KubeletMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gate policies load from a kubelet ConfigMap mount and are reloaded when kubelet swaps it. */
class PolicyRegistryTest {

    private static final String DEFAULT = """
            match: {services: ["*"], environments: ["*"]}
            checks:
              - {name: anomalies, kind: anomalies, minSeverity: critical, pass: 0, warn: 0}
            """;
    private static final String PRODUCTION = """
            extends: default
            match: {services: ["*"], environments: ["prod"]}
            thresholds: {pass: 100, warn: %d}
            """;

    @TempDir
    Path tmp;

    @Test
    void aKubeletMountLoadsEachPolicyOnceAndItsAtomicSwapIsReloaded() throws Exception {
        KubeletMount mount = KubeletMount.create(tmp.resolve("policies"),
                Map.of("default.yaml", DEFAULT, "production.yaml", PRODUCTION.formatted(70)));
        PolicyRegistry registry = new PolicyRegistry(mount.dir().toString());
        assertEquals(List.of("default", "production"), names(registry));
        assertEquals(mount.dir().toAbsolutePath().normalize().toString(), registry.loaded().source());
        assertEquals(70, warnOf(registry, "production"));
        assertFalse(registry.poll(), "nothing changed");

        mount.update(Map.of("default.yaml", DEFAULT, "production.yaml", PRODUCTION.formatted(80)));
        assertTrue(registry.poll(), "kubelet's swap of ..data is a change");
        assertEquals(80, warnOf(registry, "production"));
        assertFalse(registry.poll(), "nothing changed since");

        mount.update(Map.of("default.yaml", DEFAULT));
        assertTrue(registry.poll(), "a key removed from the ConfigMap");
        assertEquals(List.of("default"), names(registry));
    }

    @Test
    void anUpdateWithProblemsKeepsThePoliciesInForceAndSaysWhy() throws Exception {
        KubeletMount mount = KubeletMount.create(tmp.resolve("policies"), Map.of("default.yaml", DEFAULT));
        PolicyRegistry registry = new PolicyRegistry(mount.dir().toString());

        mount.update(Map.of("default.yaml", DEFAULT, "production.yaml", "extends: nowhere\n"));
        assertFalse(registry.poll());
        assertEquals(List.of("default"), names(registry));
        assertEquals(mount.dir().resolve("production.yaml").toString(), registry.lastIssues().get(0).file());

        mount.update(Map.of("default.yaml", DEFAULT, "production.yaml", PRODUCTION.formatted(70)));
        assertTrue(registry.poll());
        assertTrue(registry.lastIssues().isEmpty());
    }

    @Test
    void problemsAtStartStopTheStart() throws IOException {
        Files.writeString(tmp.resolve("default.yaml"), "extends: nowhere\n");
        assertThrows(PolicyLoadException.class, () -> new PolicyRegistry(tmp.toString()));
    }

    private static List<String> names(PolicyRegistry registry) {
        return registry.get().all().stream().map(GatePolicy::name).toList();
    }

    private static int warnOf(PolicyRegistry registry, String name) {
        return (int) registry.get().named(name).orElseThrow().thresholds().warn();
    }
}
