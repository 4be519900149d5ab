package dev.vigil.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlaggerWebhookTest {

    @Test
    void mapsAPlainPayloadOntoNameNamespaceAndChecksum() {
        GateRequest r = new FlaggerWebhook("podinfo", "test", "Progressing", "85d557f47b", null).toRequest();
        assertEquals("podinfo", r.service());
        assertEquals("test", r.environment());
        assertEquals("85d557f47b", r.version());
        assertEquals("85d557f47b", r.commit());
        assertNull(r.canary());
        assertNull(r.requestId(), "each Flagger call re-evaluates: confirm-promotion is retried until it passes");
    }

    @Test
    void takesVersionsAndTheCanaryBlockFromMetadata() {
        Map<String, String> md = Map.of("service", "checkout", "environment", "prod", "version", "1.5.0",
                "commit", "abc1234", "policy", "production", "canaryLabel", "track", "baseline", "primary",
                "canary", "canary", "metrics", "latency, errors", "window", "PT5M");
        GateRequest r = new FlaggerWebhook("checkout", "shop", "Promoting", "85d557f47b", md).toRequest();
        assertEquals("checkout", r.service());
        assertEquals("prod", r.environment());
        assertEquals("1.5.0", r.version());
        assertEquals("production", r.policy());
        assertEquals(new CanaryRequest("track", "primary", "canary", List.of("latency", "errors"),
                Duration.ofMinutes(5), null), r.canary());
    }

    @Test
    void rejectsAMisspelledMetadataKeyAndAnIncompleteCanaryBlock() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> new FlaggerWebhook("a", "b", "Progressing", "c", Map.of("enviroment", "prod")));
        assertTrue(typo.getMessage().startsWith("unknown Flagger metadata key 'enviroment'; known: baseline, canary"));
        FlaggerWebhook partial = new FlaggerWebhook("a", "b", "Progressing", "c", Map.of("canaryLabel", "track"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, partial::toRequest);
        assertEquals("metadata.baseline is required when metadata.canaryLabel is set", e.getMessage());
    }

    @Test
    void keepsTheTokenOutOfTheRequestAndOutOfItsPrintedForm() {
        FlaggerWebhook hook = new FlaggerWebhook("a", "b", "Progressing", "c", Map.of("token", "s3cret"));
        assertEquals("s3cret", hook.token().orElseThrow());
        assertFalse(hook.toString().contains("s3cret"), hook.toString());
        assertFalse(hook.toRequest().toString().contains("s3cret"));
    }

    @Test
    void proceedsOnlyOnPassUnlessWarnIsAllowed() {
        FlaggerWebhook strict = new FlaggerWebhook("a", "b", "Progressing", "c", null);
        FlaggerWebhook lenient = new FlaggerWebhook("a", "b", "Progressing", "c", Map.of("proceedOnWarn", "true"));
        assertTrue(strict.proceeds(Verdict.PASS));
        assertFalse(strict.proceeds(Verdict.WARN));
        assertTrue(lenient.proceeds(Verdict.WARN));
        assertFalse(lenient.proceeds(Verdict.FAIL));
        assertFalse(lenient.proceeds(Verdict.INCONCLUSIVE));
    }
}
