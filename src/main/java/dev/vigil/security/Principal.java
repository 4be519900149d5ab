package dev.vigil.security;

import java.util.Set;

/**
 * Who a request authenticated as: an API token, or a CI pipeline by its verified OIDC ID token. Roles, scope, rate
 * limits and the audit treat both alike.
 *
 * @param id    the token's id, or {@code oidc:<issuer>} for an ID token
 * @param name  the token's name, or the pipeline's identity, e.g. {@code oidc:github:acme/shop@refs/heads/main}
 * @param roles the effective roles (admin implies all others)
 */
public record Principal(String id, String name, Set<Role> roles, ServiceScope scope) {

    public Principal {
        roles = Set.copyOf(roles);
    }

    public static Principal of(ApiToken token) {
        return new Principal(token.id(), token.name(), TokenService.effectiveRoles(token), token.scope());
    }
}
