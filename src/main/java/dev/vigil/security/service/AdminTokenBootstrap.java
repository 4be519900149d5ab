package dev.vigil.security.service;

import dev.vigil.config.VigilConfig;
import dev.vigil.security.Role;
import dev.vigil.security.TokenService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Makes sure someone can administer Vigil. A configured admin token is stored (hashed). Otherwise, in
 * embedded mode, the first start generates one and prints it once on the console; it cannot be shown again.
 */
@ApplicationScoped
public class AdminTokenBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminTokenBootstrap.class);

    private final TokenService tokens;
    private final SecurityConfig security;
    private final VigilConfig config;

    public AdminTokenBootstrap(TokenService tokens, SecurityConfig security, VigilConfig config) {
        this.tokens = tokens;
        this.security = security;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        security.adminToken().filter(t -> !t.isBlank())
                .ifPresent(secret -> tokens.ensure(secret, "configured-admin", Set.of(Role.ADMIN)));
        if (tokens.hasActiveAdmin()) {
            return;
        }
        if (!"h2".equals(config.database().kind())) {
            LOG.warn("no admin token exists: set VIGIL_SECURITY_ADMIN_TOKEN to create one");
            return;
        }
        TokenService.Issued issued = tokens.issue("first-admin", Set.of(Role.ADMIN));
        // Deliberately on the console and not in the log: it is shown this once and never stored in clear.
        System.out.printf("%n=== Vigil first start: admin token (shown once, stored hashed) ===%n%s%n"
                + "Use it as 'Authorization: Bearer <token>'; create narrower tokens with POST /api/v1/admin/tokens.%n%n",
                issued.secret());
        LOG.infof("generated the first admin token, id %s", issued.token().id());
    }
}
