package dev.vigil.security;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a CI pipeline may do, decided by the claims of its verified ID token: every claim named must match its
 * pattern ({@code *} for any run of characters), e.g. {@code repository=acme/shop} and {@code ref=refs/heads/main}
 * give role {@code gate} on service {@code shop} in {@code production}. Anyone can get a token signed by a public CI
 * issuer for a repository of their own, so these claims, not the signature, are what keeps others out.
 *
 * @param claims claim name to pattern; at least one
 * @param roles  never {@code admin}: a pipeline administers nothing
 */
public record ClaimRule(String name, Map<String, String> claims, Set<Role> roles, ServiceScope scope) {

    /** Claim names as the issuers write them (GitHub's {@code repository_owner}, GitLab's {@code project_path}). */
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_]{1,64}");

    public ClaimRule {
        claims = Collections.unmodifiableSortedMap(new TreeMap<>(claims)); // checked in name order
        roles = Set.copyOf(roles);
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("claim rule '" + name + "' names no claim: it would let in every"
                    + " pipeline the issuer signs for");
        }
        if (roles.isEmpty() || roles.contains(Role.ADMIN)) {
            throw new IllegalArgumentException("claim rule '" + name + "' needs roles other than admin");
        }
        claims.forEach((claim, pattern) -> {
            if (!CLAIM.matcher(claim).matches() || pattern.isBlank() || pattern.length() > 256) {
                throw new IllegalArgumentException("claim rule '" + name + "': claim '" + claim + "' needs a name of"
                        + " letters, digits or _ and a pattern of 1-256 characters");
            }
        });
    }

    /**
     * The first claim (by name) that is missing or does not match, described without the pattern it missed (that
     * would tell an outsider what is let in); empty when all match.
     */
    public Optional<String> mismatch(Map<String, Object> token) {
        for (Map.Entry<String, String> wanted : claims.entrySet()) {
            Object value = token.get(wanted.getKey());
            if (value == null) {
                return Optional.of("claim '" + wanted.getKey() + "' is missing");
            }
            Pattern pattern = ServiceScope.glob(wanted.getValue());
            if (values(value).stream().noneMatch(v -> pattern.matcher(v).matches())) {
                return Optional.of("claim '" + wanted.getKey() + "' is '" + shown(value) + "'");
            }
        }
        return Optional.empty();
    }

    /** A claim's text; a list (an audience, say) matches when one of its members does. */
    private static List<String> values(Object value) {
        if (value instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 128 ? text : text.substring(0, 128) + "...";
    }
}
