package dev.vigil.security.service;

import dev.vigil.security.AuthFailures;
import dev.vigil.security.RateLimiter;
import dev.vigil.security.TokenHasher;
import dev.vigil.security.TokenRepository;
import dev.vigil.security.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import javax.sql.DataSource;

@ApplicationScoped
public class SecurityBeans {

    @Produces
    @ApplicationScoped
    TokenService tokenService(DataSource dataSource, Clock clock, SecurityConfig config) {
        return new TokenService(new TokenRepository(dataSource), new TokenHasher(), clock, config.cacheTtl());
    }

    @Produces
    @ApplicationScoped
    AuthFailures authFailures(SecurityConfig config, Clock clock) {
        SecurityConfig.RateLimits r = config.rateLimit();
        return new AuthFailures(new RateLimiter.Limit(r.authFailures(), r.authFailuresPer()), r.authBlock(), r.maxKeys(),
                clock);
    }
}
