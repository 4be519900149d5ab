package dev.vigil.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenLifetimeTest {

    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    private final TokenLifetime lifetime = new TokenLifetime(Duration.ofDays(365));

    @Test
    void aDurationOrAnInstantIsAcceptedAndNothingMeansTheMaximum() {
        assertEquals(NOW.plus(Duration.ofDays(90)), lifetime.expiry("90d", NOW));
        assertEquals(NOW.plus(Duration.ofHours(12)), lifetime.expiry("12h", NOW));
        assertEquals(Instant.parse("2027-03-01T00:00:00Z"), lifetime.expiry("2027-03-01T00:00:00Z", NOW));
        assertEquals(NOW.plus(Duration.ofDays(365)), lifetime.expiry(null, NOW));
    }

    @Test
    void thePastBeyondTheMaximumAndNonsenseAreRefused() {
        assertThrows(TokenLifetime.Invalid.class, () -> lifetime.expiry("2026-01-01T00:00:00Z", NOW));
        assertThrows(TokenLifetime.Invalid.class, () -> lifetime.expiry("0s", NOW));
        assertThrows(TokenLifetime.Invalid.class, () -> lifetime.expiry("366d", NOW));
        assertThrows(TokenLifetime.Invalid.class, () -> lifetime.expiry("-5d", NOW));
        assertThrows(TokenLifetime.Invalid.class, () -> lifetime.expiry("soon", NOW));
    }
}
