package dev.vigil.security.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.security.ApiToken;
import dev.vigil.security.Role;
import dev.vigil.security.TokenHasher;
import dev.vigil.security.TokenRepository;
import dev.vigil.security.TokenService;
import dev.vigil.testing.H2Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin bootstrap on a real H2 token table, start after start. */
class AdminTokenBootstrapTest {

    static final String FIRST = "vgl_configured-admin-one-0123456789";
    static final String SECOND = "vgl_configured-admin-two-0123456789";

    @TempDir
    Path dir;
    TokenService tokens;

    @BeforeEach
    void table() {
        var dataSource = H2Files.in(dir);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        tokens = new TokenService(new TokenRepository(dataSource), new TokenHasher(), Clock.systemUTC(), Duration.ZERO);
    }

    @Test
    void theFirstStartMintsAnAdminButNoLaterStartDoesAfterEveryAdminWasRevoked() {
        Optional<TokenService.Issued> first = AdminTokenBootstrap.bootstrap(tokens, Optional.empty(), true);
        assertTrue(first.isPresent(), "an empty table gets its first admin");
        tokens.revoke(first.get().token().id());

        assertEquals(Optional.empty(), AdminTokenBootstrap.bootstrap(tokens, Optional.empty(), true),
                "revoking every admin is not undone by a restart");
        assertFalse(tokens.hasActiveAdmin());
    }

    @Test
    void rotatingTheConfiguredAdminTokenRevokesThePreviousOne() {
        AdminTokenBootstrap.bootstrap(tokens, Optional.of(FIRST), false);
        assertTrue(tokens.authenticate(FIRST).isPresent());

        AdminTokenBootstrap.bootstrap(tokens, Optional.of(SECOND), false);

        assertTrue(tokens.authenticate(FIRST).isEmpty(), "the old configured secret no longer works");
        Optional<ApiToken> current = tokens.authenticate(SECOND);
        assertTrue(current.isPresent());
        assertEquals(Set.of(Role.ADMIN), current.get().roles());
        assertEquals(1, tokens.list().stream().filter(ApiToken::active).count());
    }
}
