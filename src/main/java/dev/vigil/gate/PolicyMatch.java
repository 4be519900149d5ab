package dev.vigil.gate;

import java.util.List;

/**
 * Which services and environments a policy applies to: glob patterns with {@code *} (any run of characters) and
 * {@code ?} (one character). An empty list matches nothing; {@code ["*"]} matches everything.
 */
public record PolicyMatch(List<String> services, List<String> environments) {

    public static final PolicyMatch NONE = new PolicyMatch(List.of(), List.of());

    public PolicyMatch {
        services = List.copyOf(services);
        environments = List.copyOf(environments);
        for (String p : services) {
            requireGlob("services", p);
        }
        for (String p : environments) {
            requireGlob("environments", p);
        }
    }

    /**
     * How specifically this policy matches, or -1 when it does not. Higher wins: the service pattern counts first,
     * then the environment pattern; for each an exact name beats a glob, and a glob beats {@code *}; among globs the
     * one with more literal characters wins.
     */
    public long specificity(String service, String environment) {
        long s = best(services, service);
        long e = best(environments, environment);
        return s < 0 || e < 0 ? -1 : s * 1_000_000L + e;
    }

    private static long best(List<String> patterns, String value) {
        long best = -1;
        for (String p : patterns) {
            if (matches(p, value)) {
                best = Math.max(best, rank(p));
            }
        }
        return best;
    }

    private static long rank(String pattern) {
        if (pattern.equals("*")) {
            return 0;
        }
        boolean glob = pattern.contains("*") || pattern.contains("?");
        long literals = pattern.chars().filter(ch -> ch != '*' && ch != '?').count();
        return glob ? 1 + literals : 500_000;
    }

    /**
     * Whether the whole value matches the glob. Every gate request picks its policy through this, so it walks the
     * two strings instead of building a regular expression each time; it answers as the regular expression did
     * ({@code *} as {@code .*}, {@code ?} as {@code .}): a wildcard stands for any code points but line terminators.
     */
    static boolean matches(String glob, String value) {
        int[] v = value.codePoints().toArray();
        for (int c : v) {
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false; // no wildcard stands for it, and a glob has no such literal
            }
        }
        int g = 0;
        int i = 0;
        int star = -1; // the glob position after the last '*' seen, where a mismatch resumes
        int starAt = 0; // the value position that '*' has consumed up to
        while (i < v.length) {
            char p = g < glob.length() ? glob.charAt(g) : 0;
            if (p == '*') {
                star = ++g;
                starAt = i;
            } else if (g < glob.length() && (p == '?' || p == v[i])) {
                g++;
                i++;
            } else if (star >= 0) {
                g = star;
                i = ++starAt;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    private static void requireGlob(String field, String pattern) {
        if (pattern == null || pattern.isBlank() || !pattern.matches("[A-Za-z0-9._*?/-]+")) {
            throw new IllegalArgumentException("match." + field + ": '" + pattern
                    + "' is not a glob of letters, digits, . _ - / and the wildcards * ?");
        }
    }
}
