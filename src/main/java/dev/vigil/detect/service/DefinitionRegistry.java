package dev.vigil.detect.service;

import dev.vigil.core.SeriesKey;
import dev.vigil.detect.definition.DefinitionException;
import dev.vigil.detect.definition.DefinitionLoader;
import dev.vigil.detect.definition.DefinitionSet;
import dev.vigil.detect.definition.Definitions;
import dev.vigil.detect.definition.DetectorDefinition;
import dev.vigil.detect.definition.MultivariateDefinition;
import dev.vigil.validation.ValidationIssue;
import dev.vigil.validation.YamlFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The detector definitions in force. Read from {@code vigil.detect.definitions-dir} when that directory exists,
 * otherwise from the copies shipped on the classpath ({@code detectors/INDEX} lists them). {@link #poll()}
 * reloads when a file's name, target, size or modification time changed (a ConfigMap update swaps every target:
 * {@link YamlFiles}); an invalid directory is logged issue by issue and the definitions in force stay as they were.
 */
public final class DefinitionRegistry implements Definitions {

    private static final Logger LOG = Logger.getLogger(DefinitionRegistry.class);
    static final String CLASSPATH_DIR = "detectors/";
    static final String CLASSPATH_SOURCE = "classpath:" + CLASSPATH_DIR;

    /** What was loaded, from where, and what went wrong with the last attempt (if it failed). */
    public record Loaded(DefinitionSet set, String source, List<ValidationIssue> lastIssues) {
    }

    private final Path dir;
    private final List<Consumer<DefinitionSet>> listeners = new CopyOnWriteArrayList<>();
    private volatile Loaded loaded;
    private volatile List<String> stamp = List.of();

    public DefinitionRegistry(Path dir) {
        this.dir = dir;
        Loaded first = Files.isDirectory(dir) ? new Loaded(DefinitionLoader.loadDirectory(dir), dir.toString(), List.of())
                : new Loaded(shipped(), CLASSPATH_SOURCE, List.of());
        this.stamp = stampOf(dir);
        this.loaded = first;
        LOG.infof("detector definitions: %d from %s", first.set().definitions().size(), first.source());
    }

    public Loaded loaded() {
        return loaded;
    }

    @Override
    public DefinitionSet current() {
        return loaded.set();
    }

    /** The definition that governs the series: the most specific match, or the built-in catch-all. */
    public DetectorDefinition select(SeriesKey key) {
        return loaded.set().select(key).orElseGet(DefinitionLoader::shippedDefault);
    }

    /** Called with the new set after every successful reload. */
    public void onReload(Consumer<DefinitionSet> listener) {
        listeners.add(listener);
    }

    /** Reloads when the directory changed; returns true when a new set is in force. */
    public synchronized boolean poll() {
        List<String> now = stampOf(dir);
        if (now.equals(stamp)) {
            return false;
        }
        stamp = now;
        Loaded next;
        try {
            next = Files.isDirectory(dir) ? new Loaded(DefinitionLoader.loadDirectory(dir), dir.toString(), List.of())
                    : new Loaded(shipped(), CLASSPATH_SOURCE, List.of());
        } catch (DefinitionException e) {
            e.issues().forEach(i -> LOG.warnf("detector definitions not reloaded: %s", i));
            loaded = new Loaded(loaded.set(), loaded.source(), e.issues());
            return false;
        } catch (UncheckedIOException e) {
            LOG.warnf("detector definitions not reloaded: %s", e.getMessage());
            return false;
        }
        loaded = next;
        LOG.infof("detector definitions reloaded: %d from %s", next.set().definitions().size(), next.source());
        listeners.forEach(l -> l.accept(next.set()));
        return true;
    }

    /** The definitions shipped inside the application, the multivariate ones of its files included. */
    public static DefinitionSet shipped() {
        List<DetectorDefinition> all = new ArrayList<>();
        List<MultivariateDefinition> multivariate = new ArrayList<>();
        for (String name : read(CLASSPATH_DIR + "INDEX").lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            DefinitionSet file = DefinitionLoader.parseSet(CLASSPATH_SOURCE + name, read(CLASSPATH_DIR + name));
            all.addAll(file.definitions());
            multivariate.addAll(file.multivariate());
        }
        return new DefinitionSet(all, multivariate);
    }

    private static String read(String resource) {
        ClassLoader loader = Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(),
                DefinitionRegistry.class.getClassLoader());
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("shipped detector definitions are missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> stampOf(Path dir) {
        return YamlFiles.fingerprint(dir, DefinitionLoader.DIRECTORY_DEPTH);
    }
}
