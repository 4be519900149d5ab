package dev.vigil.detect.definition;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A name matcher as written in a definition: an exact name ({@code http_latency_seconds}), a glob with
 * {@code *} and {@code ?} ({@code *_latency_*}), or a regular expression between slashes ({@code /cpu|load/}).
 * Its {@link #specificity()} orders competing definitions: exact beats glob and regex, which beat match-all;
 * between two patterns, the one with more literal characters wins.
 */
public record NamePattern(String text, Pattern regex, boolean exact) {

    public static final NamePattern ANY = of("*");

    public static NamePattern of(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("pattern must not be empty");
        }
        if (text.length() >= 2 && text.startsWith("/") && text.endsWith("/")) {
            try {
                return new NamePattern(text, Pattern.compile(text.substring(1, text.length() - 1)), false);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("bad regular expression " + text + ": " + e.getDescription());
            }
        }
        boolean glob = text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
        return new NamePattern(text, glob ? Pattern.compile(globToRegex(text)) : null, !glob);
    }

    public boolean matches(String name) {
        if (name == null) {
            return false;
        }
        return exact ? text.equals(name) : regex.matcher(name).matches();
    }

    /**
     * Larger is more specific: 10000 for exact names; for a glob the count of literal characters (0 for "*");
     * for a regex the literal count of its weakest {@code |} alternative, since any alternative may match.
     */
    public int specificity() {
        if (exact) {
            return 10_000;
        }
        if (text.startsWith("/")) {
            int weakest = Integer.MAX_VALUE;
            for (String alternative : text.split("\\|")) {
                weakest = Math.min(weakest, literals(alternative));
            }
            return weakest;
        }
        return literals(text);
    }

    private static int literals(String s) {
        int literal = 0;
        for (char c : s.toCharArray()) {
            literal += Character.isLetterOrDigit(c) || c == '_' ? 1 : 0;
        }
        return literal;
    }

    private static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }
}
