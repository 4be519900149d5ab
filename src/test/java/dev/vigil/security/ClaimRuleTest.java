package dev.vigil.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Claim rules and issuer settings: what lets a pipeline in, and the configurations refused at start. */
class ClaimRuleTest {

    private static final ClaimRule SHOP_MAIN = new ClaimRule("shop-main",
            Map.of("repository", "acme/shop", "ref", "refs/heads/main"), Set.of(Role.GATE),
            new ServiceScope(List.of("shop"), List.of("production")));

    @Test
    void allNamedClaimsMustMatchAndTheFirstMissIsNamedWithTheTokensValue() {
        assertEquals(Optional.empty(), SHOP_MAIN.mismatch(Map.of("repository", "acme/shop", "ref", "refs/heads/main",
                "sub", "repo:acme/shop:ref:refs/heads/main")));
        assertEquals(Optional.of("claim 'ref' is 'refs/heads/dev'"),
                SHOP_MAIN.mismatch(Map.of("repository", "acme/shop", "ref", "refs/heads/dev")));
        assertEquals(Optional.of("claim 'repository' is missing"), SHOP_MAIN.mismatch(Map.of("ref", "refs/heads/main")));
        // A pattern is anchored: a longer name that merely starts alike is not let in.
        assertEquals(Optional.of("claim 'repository' is 'acme/shop-fork'"),
                SHOP_MAIN.mismatch(Map.of("repository", "acme/shop-fork", "ref", "refs/heads/main")));
    }

    @Test
    void globsListsAndNonTextClaims() {
        ClaimRule rule = new ClaimRule("acme", Map.of("repository_owner", "acme", "ref", "refs/heads/release-*",
                "ref_protected", "true", "groups", "deployers"), Set.of(Role.INGEST), ServiceScope.ALL);
        assertEquals(Optional.empty(), rule.mismatch(Map.of("repository_owner", "acme", "ref", "refs/heads/release-2.1",
                "ref_protected", Boolean.TRUE, "groups", List.of("devs", "deployers"))));
        assertTrue(rule.mismatch(Map.of("repository_owner", "acme", "ref", "refs/heads/release-2.1",
                "ref_protected", Boolean.FALSE, "groups", List.of("deployers"))).orElseThrow().contains("ref_protected"));
    }

    @Test
    void aRuleWithoutClaimsOrGivingAdminIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClaimRule("open", Map.of(), Set.of(Role.GATE), ServiceScope.ALL));
        assertThrows(IllegalArgumentException.class, () -> new ClaimRule("root", Map.of("repository", "acme/shop"),
                Set.of(Role.ADMIN), ServiceScope.ALL));
        assertThrows(IllegalArgumentException.class, () -> new ClaimRule("blank", Map.of("repository", " "),
                Set.of(Role.GATE), ServiceScope.ALL));
    }

    @Test
    void issuersAreHttpsOrLocalAndRulesAreTriedByName() {
        ClaimRule b = new ClaimRule("b", Map.of("ref", "*"), Set.of(Role.VIEWER), ServiceScope.ALL);
        ClaimRule a = new ClaimRule("a", Map.of("ref", "refs/heads/main"), Set.of(Role.GATE), ServiceScope.ALL);
        OidcIssuer github = new OidcIssuer("github", URI.create("https://token.actions.githubusercontent.com"), "vigil",
                Optional.empty(), List.of("repository", "ref"), List.of(b, a));
        assertEquals(List.of("a", "b"), github.rules().stream().map(ClaimRule::name).toList());
        assertEquals("oidc:github", github.principalId());
        new OidcIssuer("local", URI.create("http://127.0.0.1:8080"), "vigil", Optional.empty(), List.of("sub"), List.of(a));
        assertThrows(IllegalArgumentException.class, () -> new OidcIssuer("plain", URI.create("http://gitlab.example"),
                "vigil", Optional.empty(), List.of("sub"), List.of(a)));
        assertThrows(IllegalArgumentException.class, () -> new OidcIssuer("keys", URI.create("https://gitlab.com"),
                "vigil", Optional.of(URI.create("http://keys.example/jwks")), List.of("sub"), List.of(a)));
        assertThrows(IllegalArgumentException.class, () -> new OidcIssuer("GitHub!", URI.create("https://gitlab.com"),
                "vigil", Optional.empty(), List.of("sub"), List.of(a)));
        assertThrows(IllegalArgumentException.class, () -> new OidcIssuer("noaud", URI.create("https://gitlab.com"),
                " ", Optional.empty(), List.of("sub"), List.of(a)));
    }
}
