package dev.vigil.ingest;

/**
 * A name of the form {@code [first][rest]*} over ASCII character classes, checked with two lookup tables rather
 * than a regular expression: every metric sample has three or more names to check, and a regex matcher per name
 * was a visible share of the ingest path's CPU.
 */
final class NameSyntax {

    /** Prometheus metric names: {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
    static final NameSyntax METRIC = new NameSyntax("a-zA-Z_:", "a-zA-Z0-9_:");
    /** Prometheus label names: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    static final NameSyntax LABEL = new NameSyntax("a-zA-Z_", "a-zA-Z0-9_");
    /** Service names in metric samples: {@code [A-Za-z0-9][A-Za-z0-9_.:/-]*}. */
    static final NameSyntax SERVICE = new NameSyntax("A-Za-z0-9", "A-Za-z0-9_.:/-");
    /** Services, environments and versions in deploy events: {@code [A-Za-z0-9][A-Za-z0-9_.:/@+-]*}. */
    static final NameSyntax DEPLOY_NAME = new NameSyntax("A-Za-z0-9", "A-Za-z0-9_.:/@+-");

    private final boolean[] first;
    private final boolean[] rest;
    private final String description;

    /** Classes as in a regex character class: single characters and {@code a-z} ranges; a trailing '-' is literal. */
    NameSyntax(String firstClass, String restClass) {
        this.first = table(firstClass);
        this.rest = table(restClass);
        this.description = "[" + firstClass + "][" + restClass + "]*";
    }

    boolean matches(String name) {
        int n = name.length();
        if (n == 0 || !in(first, name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            if (!in(rest, name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return description;
    }

    private static boolean in(boolean[] table, char c) {
        return c < table.length && table[c];
    }

    private static boolean[] table(String characterClass) {
        boolean[] table = new boolean[128];
        for (int i = 0; i < characterClass.length(); i++) {
            char c = characterClass.charAt(i);
            if (i + 2 < characterClass.length() && characterClass.charAt(i + 1) == '-') {
                for (char r = c; r <= characterClass.charAt(i + 2); r++) {
                    table[r] = true;
                }
                i += 2;
            } else {
                table[c] = true;
            }
        }
        return table;
    }
}
