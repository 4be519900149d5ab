package dev.vigil.security.service;

import dev.vigil.security.AuditLog;
import dev.vigil.security.AuthFailures;
import dev.vigil.security.Caller;
import dev.vigil.security.ClaimRule;
import dev.vigil.security.OidcIssuer;
import dev.vigil.security.OidcVerifier;
import dev.vigil.security.RateLimiter;
import dev.vigil.security.Role;
import dev.vigil.security.ServiceScope;
import dev.vigil.security.TokenHasher;
import dev.vigil.security.TokenLifetime;
import dev.vigil.security.TokenRepository;
import dev.vigil.security.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

@ApplicationScoped
public class SecurityBeans {

    @Produces
    @ApplicationScoped
    TokenService tokenService(DataSource dataSource, Clock clock, SecurityConfig config) {
        return new TokenService(new TokenRepository(dataSource), new TokenHasher(), clock, config.cacheTtl());
    }

    /**
     * The caller's scope, for resources to inject as {@code Provider<ServiceScope>} and ask per request; a request
     * without a token identity (Flagger's webhook, which checks its body token itself) is unrestricted here.
     */
    @Produces
    @Dependent
    ServiceScope callerScope(SecurityIdentity identity) {
        ServiceScope scope = identity.isAnonymous() ? null : identity.getAttribute(TokenIdentityProvider.SCOPE);
        return scope == null ? ServiceScope.ALL : scope;
    }

    /** Who is calling, for the audit; the Flagger webhook (token in the body) builds its own from that token. */
    @Produces
    @Dependent
    Caller caller(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return new Caller("-", "anonymous");
        }
        String id = identity.getAttribute("tokenId");
        String name = identity.getAttribute("tokenName");
        return new Caller(id, name);
    }

    @Produces
    @ApplicationScoped
    AuditLog auditLog(DataSource dataSource, Clock clock) {
        return new AuditLog(dataSource, clock);
    }

    @Produces
    @Singleton // a record cannot be proxied, so not @ApplicationScoped
    TokenLifetime tokenLifetime(SecurityConfig config) {
        return new TokenLifetime(config.tokenMaxLifetime());
    }

    /** Trusted CI issuers from {@code vigil.security.oidc.*}; a misconfigured one stops the start, naming it. */
    @Produces
    @ApplicationScoped
    OidcVerifier oidcVerifier(SecurityConfig config, Clock clock) {
        SecurityConfig.Oidc oidc = config.oidc();
        List<OidcIssuer> issuers = new TreeMap<>(oidc.issuers()).entrySet().stream()
                .map(e -> issuer(e.getKey(), e.getValue())).toList();
        return new OidcVerifier(issuers, new OidcVerifier.Settings(oidc.jwksRefresh(), oidc.jwksMinRefetch(),
                oidc.connectTimeout(), oidc.readTimeout(), oidc.clockSkew()), clock);
    }

    private static OidcIssuer issuer(String name, SecurityConfig.Oidc.Issuer config) {
        List<ClaimRule> rules = config.claimRules().entrySet().stream().map(e -> rule(name, e.getKey(), e.getValue()))
                .toList();
        return new OidcIssuer(name, config.issuerUrl(), config.audience(), config.jwksUri(), config.identityClaims(),
                rules);
    }

    private static ClaimRule rule(String issuer, String name, SecurityConfig.Oidc.ClaimRuleConfig config) {
        Set<Role> roles = config.roles().stream().map(r -> Role.fromWire(r).orElseThrow(() -> new IllegalArgumentException(
                "vigil.security.oidc.issuers." + issuer + ".claim-rules." + name + ".roles: no role '" + r + "'")))
                .collect(Collectors.toSet());
        ServiceScope scope = new ServiceScope(config.services().orElse(List.of()), config.environments().orElse(List.of()));
        return new ClaimRule(name, config.claims(), roles, scope);
    }

    @Produces
    @ApplicationScoped
    AuthFailures authFailures(SecurityConfig config, Clock clock) {
        SecurityConfig.RateLimits r = config.rateLimit();
        return new AuthFailures(new RateLimiter.Limit(r.authFailures(), r.authFailuresPer()), r.authBlock(), r.maxKeys(),
                clock);
    }
}
