package dev.vigil.detect.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.SeriesKey;
import dev.vigil.detect.definition.DetectorDefinition;
import dev.vigil.validation.KubeletMount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where definitions come from, how they are picked per series, and reloading. */
class DefinitionRegistryTest {

    @TempDir
    Path dir;

    @Test
    void theShippedCopiesOnTheClasspathAreExactlyTheFilesInDetectors() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(Path.of("detectors"))) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        assertEquals(files, resource("INDEX").lines().map(String::strip).filter(s -> !s.isEmpty()).sorted().toList(),
                "src/main/resources/detectors/INDEX lists every file of detectors/ (copy them over after an edit)");
        for (String f : files) {
            assertEquals(Files.readString(Path.of("detectors", f)), resource(f),
                    f + ": src/main/resources/detectors/ must be a copy of detectors/");
        }
    }

    @Test
    void withoutTheDirectoryTheShippedDefinitionsApply() {
        DefinitionRegistry r = new DefinitionRegistry(dir.resolve("absent"));
        assertEquals(DefinitionRegistry.CLASSPATH_SOURCE, r.loaded().source());
        assertEquals("latency", r.select(SeriesKey.of("checkout", "http_request_duration_seconds", Map.of())).name());
        assertEquals("default", r.select(SeriesKey.of("checkout", "widgets", Map.of())).name());
    }

    @Test
    void aChangedDirectoryIsReloadedAndAnInvalidOneKeepsWhatIsInForce() throws IOException {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, "detectors:\n  - name: mine\n    match: {metric: widgets}\n    sensitivity: 0.6\n");
        DefinitionRegistry r = new DefinitionRegistry(dir);
        assertEquals("mine", r.select(SeriesKey.of("s", "widgets", Map.of())).name());
        assertFalse(r.poll(), "nothing changed");

        Files.writeString(file, "detectors:\n  - name: mine\n    match: {metric: widgets}\n    sensitivty: 0.6\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertFalse(r.poll(), "an invalid file is not loaded");
        assertEquals("mine", r.select(SeriesKey.of("s", "widgets", Map.of())).name());
        assertEquals(4, r.loaded().lastIssues().get(0).line());
        assertEquals("detectors[0].sensitivty", r.loaded().lastIssues().get(0).field());

        Files.writeString(file, "detectors:\n  - name: theirs\n    match: {metric: widgets}\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 10000));
        assertTrue(r.poll());
        assertEquals("theirs", r.select(SeriesKey.of("s", "widgets", Map.of())).name());
        assertTrue(r.loaded().lastIssues().isEmpty());
    }

    @Test
    void aKubeletConfigMapMountLoadsEachDefinitionOnceAndReloadsOnTheAtomicSwap() throws IOException {
        KubeletMount mount = KubeletMount.create(dir.resolve("detectors"), Map.of(
                "widgets.yaml", "detectors:\n  - name: widgets\n    match: {metric: widgets}\n",
                "gadgets.yaml", "detectors:\n  - name: gadgets\n    match: {metric: gadgets}\n"));
        DefinitionRegistry r = new DefinitionRegistry(mount.dir());
        assertEquals(List.of("gadgets", "widgets"),
                r.current().definitions().stream().map(DetectorDefinition::name).sorted().toList());
        assertEquals(mount.dir().resolve("widgets.yaml").toString(),
                r.select(SeriesKey.of("s", "widgets", Map.of())).source(), "read through the top-level link");
        assertFalse(r.poll(), "nothing changed");

        mount.update(Map.of("widgets.yaml", "detectors:\n  - name: sprockets\n    match: {metric: widgets}\n"));
        assertTrue(r.poll(), "kubelet's swap of ..data is a change");
        assertEquals(List.of("sprockets"), r.current().definitions().stream().map(DetectorDefinition::name).toList());
        assertFalse(r.poll(), "nothing changed since");

        mount.update(Map.of("widgets.yaml", "detectors:\n  - name: sprockets\n    match: {metric: widgets}\n    sensitivty: 1\n"));
        assertFalse(r.poll(), "an invalid update is not loaded");
        assertEquals("sprockets", r.select(SeriesKey.of("s", "widgets", Map.of())).name());
        assertEquals("detectors[0].sensitivty", r.loaded().lastIssues().get(0).field());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DefinitionRegistryTest.class.getClassLoader().getResourceAsStream("detectors/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
