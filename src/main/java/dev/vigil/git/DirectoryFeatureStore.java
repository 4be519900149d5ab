package dev.vigil.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Persistent {@link FeatureCache}: one small JSON file per commit under a directory (e.g. {@code ./data/git/features}),
 * fanned out by the key's last two characters. Writes go to a temporary file then move into place, so a reader never
 * sees half a file; an unreadable file is treated as a miss (it is recomputed and rewritten), never as an error.
 */
public final class DirectoryFeatureStore implements FeatureCache {

    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public DirectoryFeatureStore(Path root) {
        this.root = root;
    }

    @Override
    public Optional<CommitFeatures> get(String key) {
        try {
            return Optional.of(fromJson(JSON.readTree(Files.readString(file(key)))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // corrupt or from another format version: recompute
        }
    }

    @Override
    public void put(String key, CommitFeatures features) {
        Path target = file(key);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "features", ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(toJson(features)));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store features under " + target, e);
        }
    }

    private Path file(String key) {
        String safe = key.replaceAll("[^A-Za-z0-9._-]", "_");
        String shard = safe.length() >= 2 ? safe.substring(safe.length() - 2) : "__";
        return root.resolve(shard).resolve(safe + ".json");
    }

    static ObjectNode toJson(CommitFeatures f) {
        ObjectNode node = JSON.createObjectNode().put("formatVersion", FORMAT_VERSION).put("commit", f.commitId())
                .put("author", f.authorEmail()).put("time", f.epochSeconds());
        ArrayNode features = node.putArray("features");
        for (double v : f.features().toArray()) {
            features.add(v);
        }
        ArrayNode flags = node.putArray("flags");
        f.flags().stream().sorted().forEach(flag -> flags.add(flag.name()));
        ArrayNode files = node.putArray("files");
        for (FileChange c : f.files()) {
            files.addObject().put("path", c.path()).put("oldPath", c.oldPath()).put("added", c.added())
                    .put("deleted", c.deleted()).put("linesBefore", c.linesBefore()).put("counted", c.counted());
        }
        return node;
    }

    static CommitFeatures fromJson(JsonNode node) {
        if (node.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw new IllegalArgumentException("expected features format " + FORMAT_VERSION + ", got "
                    + node.path("formatVersion").asText("<none>"));
        }
        double[] values = new double[node.path("features").size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.path("features").get(i).asDouble();
        }
        Set<FeatureFlag> flags = EnumSet.noneOf(FeatureFlag.class);
        node.path("flags").forEach(flag -> flags.add(FeatureFlag.valueOf(flag.asText())));
        List<FileChange> files = new ArrayList<>();
        for (JsonNode c : node.path("files")) {
            files.add(new FileChange(c.path("path").asText(), c.path("oldPath").isNull() ? null
                    : c.path("oldPath").asText(), c.path("added").asInt(), c.path("deleted").asInt(),
                    c.path("linesBefore").asInt(), c.path("counted").asBoolean()));
        }
        return new CommitFeatures(node.path("commit").asText(), node.path("author").asText(),
                node.path("time").asLong(), files, ChangeFeatures.of(values), flags);
    }
}
