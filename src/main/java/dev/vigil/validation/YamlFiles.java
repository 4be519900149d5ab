package dev.vigil.validation;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The YAML files of a configuration directory (detector definitions, gate policies), including one that Kubernetes
 * mounts from a ConfigMap. Kubelet writes the files into a timestamped directory ({@code ..2026_12_07_00_00_00.123}),
 * points the link {@code ..data} at it and links each key at the top ({@code name.yaml -> ..data/name.yaml}); an
 * update writes a new timestamped directory and swaps {@code ..data} in one rename. So entries whose name starts with
 * {@code ..} are kubelet's own and are neither read nor descended into, and links to files are followed.
 */
public final class YamlFiles {

    /** Kubelet's own entries in a ConfigMap mount ({@code ..data}, {@code ..<timestamp>}, {@code ..data_tmp}). */
    private static final String KUBELET_PREFIX = "..";

    private YamlFiles() {
    }

    /**
     * The {@code *.yaml} / {@code *.yml} regular files (or links to them) under the directory, sorted by path.
     *
     * @param maxDepth 1: the directory's own files only; more: subdirectories too (links to directories are not
     *                 followed)
     */
    public static List<Path> list(Path dir, int maxDepth) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(dir, EnumSet.noneOf(java.nio.file.FileVisitOption.class), maxDepth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return d.equals(dir) || !isKubelets(d) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (!isKubelets(file) && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(file)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    /**
     * What {@link #list} would read, as one line per file (path, the file it resolves to, size, modification time):
     * equal fingerprints mean nothing to reload. The resolved file changes with every kubelet swap even when the
     * content has the same size and time. An unreadable directory has a fingerprint of its own.
     */
    public static List<String> fingerprint(Path dir, int maxDepth) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try {
            List<String> lines = new ArrayList<>();
            for (Path file : list(dir, maxDepth)) {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                lines.add(file + "|" + file.toRealPath() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis());
            }
            return lines;
        } catch (IOException e) {
            return List.of("unreadable: " + e.getMessage());
        }
    }

    private static boolean isKubelets(Path entry) {
        return entry.getFileName().toString().startsWith(KUBELET_PREFIX);
    }
}
