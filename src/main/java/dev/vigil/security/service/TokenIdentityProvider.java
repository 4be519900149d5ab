package dev.vigil.security.service;

import dev.vigil.security.OidcVerifier;
import dev.vigil.security.Principal;
import dev.vigil.security.ServiceScope;
import dev.vigil.security.TokenService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a bearer token (an API token, or a CI pipeline's OIDC ID token) into an identity carrying its effective
 * roles and scope. On {@code /api/} the {@link RequestGuard} has verified it already and the mechanism reuses that.
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The identity attribute holding the caller's {@link ServiceScope}. */
    static final String SCOPE = "vigil.scope";

    private final TokenService tokens;
    private final OidcVerifier oidc;

    public TokenIdentityProvider(TokenService tokens, OidcVerifier oidc) {
        this.tokens = tokens;
        this.oidc = oidc;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String secret = request.getToken().getToken();
        return context.runBlocking(() -> identity(authenticate(secret)));
    }

    private Principal authenticate(String secret) {
        if (oidc.accepts(secret)) {
            OidcVerifier.Verdict verdict = oidc.verify(secret);
            if (verdict.kind() != OidcVerifier.Kind.VALID) {
                throw new AuthenticationFailedException(verdict.reason());
            }
            return verdict.principal();
        }
        return tokens.authenticate(secret).map(Principal::of)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked token"));
    }

    static SecurityIdentity identity(Principal principal) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(principal.name() + " (" + principal.id() + ")"))
                .addAttribute("tokenId", principal.id())
                .addAttribute("tokenName", principal.name())
                .addAttribute(SCOPE, principal.scope());
        principal.roles().forEach(r -> builder.addRole(r.wireName()));
        return builder.build();
    }
}
