package dev.vigil.gate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gate.DecisionCdEvent;
import dev.vigil.gate.Verdict;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP sink reaches only what the allow-list names, over http(s); and the outcome each verdict is sent as. */
class CdEventHttpSinkTest {

    @Test
    void onlyAnHttpUrlOnAnAllowedHostIsAccepted() {
        URI url = URI.create("https://Events.Example.org/cdevents");
        assertEquals(url, CdEventHttpSink.allowed(url, List.of("events.example.org")));
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> CdEventHttpSink.allowed(url, List.of()));
        assertTrue(none.getMessage().contains("vigil.cdevents.http.allowed-hosts"), none.getMessage());
        assertThrows(IllegalStateException.class, () -> CdEventHttpSink.allowed(url, List.of("example.org")));
        assertThrows(IllegalStateException.class,
                () -> CdEventHttpSink.allowed(URI.create("https://events.example.org.evil.test/x"), List.of("events.example.org")));
        IllegalStateException scheme = assertThrows(IllegalStateException.class,
                () -> CdEventHttpSink.allowed(URI.create("file:///etc/passwd"), List.of("")));
        assertTrue(scheme.getMessage().contains("http or https"), scheme.getMessage());
    }

    @Test
    void verdictsAreTheOutcomesOfAFinishedTestSuiteRun() {
        assertEquals("pass", DecisionCdEvent.outcome(Verdict.PASS));
        assertEquals("pass", DecisionCdEvent.outcome(Verdict.WARN));
        assertEquals("fail", DecisionCdEvent.outcome(Verdict.FAIL));
        assertEquals("error", DecisionCdEvent.outcome(Verdict.INCONCLUSIVE));
    }
}
