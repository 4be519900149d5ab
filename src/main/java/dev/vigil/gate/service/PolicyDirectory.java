package dev.vigil.gate.service;

import dev.vigil.gate.policy.PolicyLoadException;
import dev.vigil.gate.policy.PolicyLoader;
import dev.vigil.gate.policy.PolicySet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the gate's policies come from: the configured directory if it exists, else the copies shipped inside the
 * application (classpath {@code vigil/policies/}, a link to the repository's {@code policies/} at build time), so
 * that a fresh clone and the packaged jar both start with the shipped policies.
 */
public final class PolicyDirectory {

    /** Classpath folder of the shipped policies. */
    public static final String SHIPPED = "vigil/policies";

    /** The loaded policies and where they came from, for the start-up log. */
    public record Loaded(PolicySet policies, String source) {
    }

    private PolicyDirectory() {
    }

    /** @throws PolicyLoadException listing every problem of every file; nothing is loaded then */
    public static Loaded load(String directory) throws PolicyLoadException {
        Path dir = Path.of(directory);
        try {
            if (Files.isDirectory(dir)) {
                return new Loaded(new PolicyLoader().loadDirectory(dir), dir.toAbsolutePath().normalize().toString());
            }
            return new Loaded(new PolicyLoader().load(shipped()), "classpath:" + SHIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gate policies from " + directory, e);
        }
    }

    /** The policy files of the directory, or the shipped ones when it does not exist: file -> text. */
    static Map<String, String> files(String directory) throws IOException {
        Path dir = Path.of(directory);
        if (!Files.isDirectory(dir)) {
            return shipped();
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (Path p : dev.vigil.validation.YamlFiles.list(dir, PolicyLoader.DIRECTORY_DEPTH)) {
            files.put(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
        }
        return files;
    }

    /** The shipped policy files, name -> text, from a directory (tests, dev) or from inside a jar. */
    static Map<String, String> shipped() throws IOException {
        URL url = Thread.currentThread().getContextClassLoader().getResource(SHIPPED);
        if (url == null) {
            url = PolicyDirectory.class.getClassLoader().getResource(SHIPPED);
        }
        if (url == null) {
            throw new IOException("no policies directory and no shipped policies on the classpath (" + SHIPPED + ")");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.provider().getPath(uri));
                } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                    return read(FileSystems.getFileSystem(uri).provider().getPath(uri));
                }
            }
            return read(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IOException("bad classpath URL " + url, e);
        }
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".yaml") || n.endsWith(".yml")) {
                    files.put(SHIPPED + "/" + n, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
