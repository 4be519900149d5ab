package dev.vigil.security.service;

import dev.vigil.security.ApiToken;
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

/** Turns a bearer token into an identity carrying the token's (effective) roles. */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The identity attribute holding the caller's {@link ServiceScope}. */
    static final String SCOPE = "vigil.scope";

    private final TokenService tokens;

    public TokenIdentityProvider(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String secret = request.getToken().getToken();
        return context.runBlocking(() -> tokens.authenticate(secret)
                .map(TokenIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked token")));
    }

    private static SecurityIdentity identity(ApiToken token) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(token.name() + " (" + token.id() + ")"))
                .addAttribute("tokenId", token.id())
                .addAttribute("tokenName", token.name())
                .addAttribute(SCOPE, token.scope());
        TokenService.effectiveRoles(token).forEach(r -> builder.addRole(r.wireName()));
        return builder.build();
    }
}
