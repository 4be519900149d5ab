package dev.vigil.detect.definition;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Line of every field path in a YAML document ({@code detectors[1].sensitivity -> 14}), from one streaming
 * pass: data binding forgets locations, but value errors found after binding still deserve a line number.
 */
final class LineIndex {

    private final Map<String, Integer> lines = new HashMap<>();

    private LineIndex() {
    }

    static LineIndex of(JsonFactory factory, String text) {
        LineIndex index = new LineIndex();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME || t == JsonToken.START_OBJECT) {
                    index.lines.putIfAbsent(path(p.getParsingContext()), p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // Syntax errors are reported by the binding pass; a partial index is still useful.
        }
        return index;
    }

    /** Line of the path, else of its closest recorded parent, else 0. */
    int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }

    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }
}
