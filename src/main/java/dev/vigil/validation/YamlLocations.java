package dev.vigil.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Line and column of every key and list item of a YAML text, by path ({@code checks[1].minSeverity}), from one
 * streaming pass. Data binding forgets locations, Jackson's own error location is unreliable inside polymorphic
 * objects (it buffers tokens until it has seen {@code kind}), and value errors found after binding still deserve a
 * line, so issues are placed with this index.
 */
public final class YamlLocations {

    private static final YAMLFactory FACTORY = YamlLimits.factory();
    private final Map<String, int[]> byPath;

    private YamlLocations(Map<String, int[]> byPath) {
        this.byPath = byPath;
    }

    public static YamlLocations index(String text) {
        Map<String, int[]> out = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String path = toPath(p.getParsingContext().pathAsPointer().toString());
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    path = toPath(p.getParsingContext().getParent() == null ? ""
                            : p.getParsingContext().pathAsPointer().toString());
                }
                JsonLocation loc = p.currentTokenLocation();
                out.putIfAbsent(path, new int[] {loc.getLineNr(), loc.getColumnNr()});
            }
        } catch (IOException | RuntimeException malformed) {
            // keep what was indexed; the parse error itself is reported with Jackson's location
        }
        return new YamlLocations(out);
    }

    /** Location of the path or of its nearest indexed ancestor; null when nothing matches. */
    public int[] locate(String path) {
        String p = path;
        while (true) {
            int[] loc = byPath.get(p);
            if (loc != null || p.isEmpty()) {
                return loc;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
    }

    /** {@code /checks/0/minSeverity} -> {@code checks[0].minSeverity}. */
    static String toPath(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String seg : pointer.split("/")) {
            if (seg.isEmpty()) {
                continue;
            }
            if (seg.chars().allMatch(Character::isDigit)) {
                sb.append('[').append(seg).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(seg.replace("~1", "/").replace("~0", "~"));
            }
        }
        return sb.toString();
    }

    /**
     * Line of the path, else of its closest indexed ancestor below the document root, else 0 (a problem of the whole
     * document has no line of its own).
     */
    public int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            int[] loc = byPath.get(p);
            if (loc != null) {
                return loc[0];
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }

    /** The issue at the line and column of its field (or of the field's nearest indexed ancestor). */
    public ValidationIssue place(ValidationIssue issue) {
        int[] loc = issue.field().isEmpty() ? null : locate(issue.field());
        return loc == null ? issue : issue.at(loc[0], loc[1]);
    }
}
