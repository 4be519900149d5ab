package dev.vigil.security.service;

import dev.vigil.config.VigilConfig;
import dev.vigil.security.Role;
import dev.vigil.security.TokenService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Makes sure someone can administer Vigil. A configured admin token is stored (hashed), and the one of a previous
 * configured secret is revoked. Otherwise, in embedded mode, the very first start (an empty token table) generates
 * one and prints it once on the console; it cannot be shown again. A table whose admin tokens were all revoked is
 * left so: minting a new admin silently at the next restart would undo the revocation.
 */
@ApplicationScoped
public class AdminTokenBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminTokenBootstrap.class);
    /** The name of the token made from {@code vigil.security.admin-token}. */
    static final String CONFIGURED = "configured-admin";

    private final TokenService tokens;
    private final SecurityConfig security;
    private final VigilConfig config;

    public AdminTokenBootstrap(TokenService tokens, SecurityConfig security, VigilConfig config) {
        this.tokens = tokens;
        this.security = security;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        bootstrap(tokens, security.adminToken(), "h2".equals(config.database().kind())).ifPresent(issued -> {
            // Deliberately on the console and not in the log: it is shown this once and never stored in clear.
            System.out.printf("%n=== Vigil first start: admin token (shown once, stored hashed) ===%n%s%n"
                    + "Use it as 'Authorization: Bearer <token>'; create narrower tokens with POST /api/v1/admin/tokens.%n%n",
                    issued.secret());
            LOG.infof("generated the first admin token, id %s", issued.token().id());
        });
    }

    /** The admin token generated, when one is: embedded mode, nothing configured, no token ever issued. */
    static Optional<TokenService.Issued> bootstrap(TokenService tokens, Optional<String> configured, boolean embedded) {
        configured.filter(t -> !t.isBlank()).ifPresent(secret -> tokens
                .ensureOnly(secret, CONFIGURED, Set.of(Role.ADMIN))
                .forEach(old -> LOG.infof("revoked the previous configured admin token %s: vigil.security.admin-token"
                        + " was changed", old.id())));
        if (tokens.hasActiveAdmin()) {
            return Optional.empty();
        }
        if (!tokens.noneIssued()) {
            LOG.warn("no active admin token, and none is generated since tokens were issued before: set"
                    + " VIGIL_SECURITY_ADMIN_TOKEN to create one");
            return Optional.empty();
        }
        if (!embedded) {
            LOG.warn("no admin token exists: set VIGIL_SECURITY_ADMIN_TOKEN to create one");
            return Optional.empty();
        }
        return Optional.of(tokens.issue("first-admin", Set.of(Role.ADMIN)));
    }
}
