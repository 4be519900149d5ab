package dev.vigil.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ConfigMap mount's files are listed once, through the top-level links, and kubelet's swap changes the fingerprint. */
class YamlFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aKubeletMountListsEachKeyOnceThroughItsTopLevelLink() throws IOException {
        KubeletMount mount = KubeletMount.create(tmp.resolve("mount"), Map.of("a.yaml", "a: 1\n", "b.yml", "b: 2\n",
                "notes.txt", "not yaml"));
        Path dir = mount.dir();
        assertEquals(List.of(dir.resolve("a.yaml"), dir.resolve("b.yml")), YamlFiles.list(dir, Integer.MAX_VALUE));
        assertEquals(List.of(dir.resolve("a.yaml"), dir.resolve("b.yml")), YamlFiles.list(dir, 1));
    }

    @Test
    void subdirectoriesAreReadOnlyToTheGivenDepth() throws IOException {
        Files.createDirectories(tmp.resolve("team"));
        Files.writeString(tmp.resolve("top.yaml"), "x: 1\n");
        Files.writeString(tmp.resolve("team/nested.yaml"), "x: 2\n");
        assertEquals(List.of(tmp.resolve("team/nested.yaml"), tmp.resolve("top.yaml")), YamlFiles.list(tmp, 5));
        assertEquals(List.of(tmp.resolve("top.yaml")), YamlFiles.list(tmp, 1));
    }

    @Test
    void theAtomicSwapChangesTheFingerprintEvenWithTheSameSizeAndTime() throws IOException {
        KubeletMount mount = KubeletMount.create(tmp.resolve("mount"), Map.of("a.yaml", "a: 1\n"));
        FileTime time = Files.getLastModifiedTime(mount.payload().resolve("a.yaml"));
        List<String> before = YamlFiles.fingerprint(mount.dir(), 1);
        assertEquals(before, YamlFiles.fingerprint(mount.dir(), 1), "nothing changed");

        mount.update(Map.of("a.yaml", "a: 2\n"));
        Files.setLastModifiedTime(mount.payload().resolve("a.yaml"), time);
        assertNotEquals(before, YamlFiles.fingerprint(mount.dir(), 1));
    }
}
