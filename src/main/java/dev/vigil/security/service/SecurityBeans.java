package dev.vigil.security.service;

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
}
