package dev.vigil.validation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A directory laid out as kubelet mounts a ConfigMap, with real symbolic links, and kubelet's update: the files go
 * into a new timestamped directory, {@code ..data_tmp} is linked to it and renamed over {@code ..data} in one atomic
 * rename, links for new keys are added, the old directory and links of removed keys are deleted (the order of
 * kubelet's AtomicWriter).
 */
public final class KubeletMount {

    private final Path dir;
    private int generation;
    private Path current;

    private KubeletMount(Path dir) {
        this.dir = dir;
    }

    /** @param files key (file name) -> content, as in the ConfigMap's {@code data} */
    public static KubeletMount create(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        KubeletMount mount = new KubeletMount(dir);
        mount.update(files);
        return mount;
    }

    public Path dir() {
        return dir;
    }

    /** The timestamped directory {@code ..data} points at now. */
    public Path payload() {
        return current;
    }

    public void update(Map<String, String> files) throws IOException {
        Path previous = current;
        Set<String> oldKeys = previous == null ? Set.of() : keys(previous);
        Path next = dir.resolve(String.format("..2026_12_07_00_00_%02d.%03d", generation, 123 + generation));
        generation++;
        Files.createDirectory(next);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(next.resolve(f.getKey()), f.getValue());
        }
        Path tmp = dir.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, next.getFileName());
        Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        current = next;
        for (String key : files.keySet()) {
            Path link = dir.resolve(key);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of("..data").resolve(key));
            }
        }
        if (previous != null) {
            deleteTree(previous);
            for (String key : oldKeys) {
                if (!files.containsKey(key)) {
                    Files.delete(dir.resolve(key));
                }
            }
        }
    }

    private static Set<String> keys(Path payload) throws IOException {
        try (Stream<Path> list = Files.list(payload)) {
            return list.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
