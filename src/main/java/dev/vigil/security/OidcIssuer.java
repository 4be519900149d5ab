package dev.vigil.security;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CI system whose OIDC ID tokens Vigil trusts (GitHub Actions, GitLab CI).
 *
 * @param name           a short handle for logs, identities and the audit ({@code github})
 * @param issuer         what the tokens' {@code iss} must be, exactly; its host is the only one keys are fetched from
 * @param audience       what the tokens' {@code aud} must contain (the pipeline asks for it)
 * @param jwksUri        where the keys are, when not as the issuer's discovery document says
 * @param identityClaims the claims that name the pipeline, joined by {@code @} ({@code repository}, {@code ref})
 * @param rules          tried in the order of their names; the first that matches decides
 */
public record OidcIssuer(String name, URI issuer, String audience, Optional<URI> jwksUri, List<String> identityClaims,
        List<ClaimRule> rules) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

    public OidcIssuer {
        identityClaims = List.copyOf(identityClaims);
        rules = rules.stream().sorted(Comparator.comparing(ClaimRule::name)).toList();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an OIDC issuer's name is 1-32 lower-case letters, digits or -: '" + name + "'");
        }
        requireFetchable(name, "issuer-url", issuer);
        jwksUri.ifPresent(uri -> requireFetchable(name, "jwks-uri", uri));
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("OIDC issuer '" + name + "' needs an audience");
        }
        if (identityClaims.isEmpty() || rules.isEmpty()) {
            throw new IllegalArgumentException("OIDC issuer '" + name + "' needs identity claims and at least one claim rule");
        }
    }

    /** {@code oidc:<name>}: the id an identity of this issuer has in the audit. */
    public String principalId() {
        return "oidc:" + name;
    }

    /**
     * HTTPS, or plain HTTP to this machine only (a local issuer, as the tests run): keys fetched in clear from
     * elsewhere could be swapped on the way.
     */
    private static void requireFetchable(String name, String key, URI uri) {
        boolean https = "https".equals(uri.getScheme());
        boolean local = "http".equals(uri.getScheme()) && uri.getHost() != null && isLoopback(uri.getHost());
        if (uri.getHost() == null || !(https || local) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("OIDC issuer '" + name + "': " + key + " must be an https:// URL without"
                    + " query (http:// only to localhost): '" + uri + "'");
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
