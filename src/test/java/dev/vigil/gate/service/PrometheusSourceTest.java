package dev.vigil.gate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A provider's configuration: what is refused, and that credentials stay out of everything printed. */
class PrometheusSourceTest {

    private static PrometheusSource.Provider provider(String url, Optional<String> authorization) {
        return new PrometheusSource.Provider("default", URI.create(url), Duration.ofSeconds(1), Duration.ofSeconds(2),
                1024, authorization);
    }

    @Test
    void aBearerTokenWinsOverBasicAuthAndBasicAuthIsEncoded() {
        assertEquals(Optional.of("Bearer t0k"), PrometheusSource.Provider.authorization(Optional.of("t0k"),
                Optional.of("u"), Optional.of("p")));
        assertEquals(Optional.of("Basic dTpw"), PrometheusSource.Provider.authorization(Optional.empty(),
                Optional.of("u"), Optional.of("p")));
        assertEquals(Optional.empty(), PrometheusSource.Provider.authorization(Optional.empty(), Optional.empty(),
                Optional.of("p")));
    }

    @Test
    void credentialsInTheUrlAreRefusedBecauseTheUrlShowsInReasons() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider("http://user:secret@prometheus:9090", Optional.empty()));
        assertTrue(e.getMessage().contains("must not contain credentials"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void onlyAbsoluteHttpUrlsAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> provider("prometheus:9090", Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> provider("file:///etc/passwd", Optional.empty()));
    }

    @Test
    void theProviderPrintsWithoutItsCredentials() {
        String printed = provider("http://prometheus:9090", Optional.of("Bearer very-secret")).toString();
        assertEquals("Provider[default http://prometheus:9090]", printed);
    }
}
