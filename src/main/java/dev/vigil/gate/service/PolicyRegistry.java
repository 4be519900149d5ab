package dev.vigil.gate.service;

import dev.vigil.gate.policy.PolicyLoadException;
import dev.vigil.gate.policy.PolicyLoader;
import dev.vigil.gate.policy.PolicySet;
import dev.vigil.validation.ValidationIssue;
import dev.vigil.validation.YamlFiles;
import dev.vigil.gate.GatePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The gate policies in force. Loaded at start (any problem stops the start-up); {@link #poll()} reloads them when a
 * policy file's name, target, size or modification time changed (a ConfigMap update swaps every target:
 * {@link YamlFiles}). A reload with problems is logged issue by issue and the policies in force stay, as detector
 * definitions do. Requests read the set once each, so one request never sees two sets.
 */
public final class PolicyRegistry implements Supplier<PolicySet> {

    private static final Logger LOG = Logger.getLogger(PolicyRegistry.class);

    private final String directory;
    private volatile PolicyDirectory.Loaded loaded;
    private volatile List<ValidationIssue> lastIssues = List.of();
    private List<String> stamp;

    /** @throws PolicyLoadException listing every problem of every file; Vigil does not start with them */
    public PolicyRegistry(String directory) throws PolicyLoadException {
        this.directory = directory;
        this.stamp = fingerprint();
        this.loaded = PolicyDirectory.load(directory);
    }

    @Override
    public PolicySet get() {
        return loaded.policies();
    }

    public PolicyDirectory.Loaded loaded() {
        return loaded;
    }

    /** Why the latest reload was refused (the policies in force are the earlier ones), or empty. */
    public List<ValidationIssue> lastIssues() {
        return lastIssues;
    }

    /** A policy file checked before it is deployed: the policy it defines, or every problem found. */
    public record Validation(Optional<GatePolicy> policy, List<ValidationIssue> issues) {
    }

    /**
     * Checks a policy file as if it were added to the directory in force under {@code name} (replacing the file
     * of that name), so that {@code extends} and the policies extending it are checked too. Nothing is changed.
     */
    public Validation validate(String name, String text) {
        Map<String, String> files = new LinkedHashMap<>();
        try {
            PolicyDirectory.files(directory).forEach((file, content) -> {
                if (!PolicyLoader.policyName(file).equals(name)) {
                    files.put(file, content);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gate policies from " + directory, e);
        }
        files.put(name + ".yaml", text);
        try {
            return new Validation(new PolicyLoader().load(files).named(name), List.of());
        } catch (PolicyLoadException e) {
            return new Validation(Optional.empty(), e.issues());
        }
    }

    /** Reloads when the directory changed; returns true when a new set is in force. */
    public synchronized boolean poll() {
        List<String> now = fingerprint();
        if (now.equals(stamp)) {
            return false;
        }
        stamp = now;
        try {
            loaded = PolicyDirectory.load(directory);
        } catch (PolicyLoadException e) {
            e.issues().forEach(i -> LOG.warnf("gate policies not reloaded: %s", i));
            lastIssues = e.issues();
            return false;
        } catch (UncheckedIOException e) {
            LOG.warnf("gate policies not reloaded: %s", e.getMessage());
            return false;
        }
        lastIssues = List.of();
        LOG.infof("gate policies reloaded from %s: %s", loaded.source(),
                loaded.policies().all().stream().map(p -> p.name() + " " + p.version()).toList());
        return true;
    }

    private List<String> fingerprint() {
        return YamlFiles.fingerprint(Path.of(directory), PolicyLoader.DIRECTORY_DEPTH);
    }
}
