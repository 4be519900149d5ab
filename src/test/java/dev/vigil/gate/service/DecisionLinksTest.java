package dev.vigil.gate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.H2Files;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Page links: signed for one decision, valid until they expire, and the key shared through the database. */
class DecisionLinksTest {

    static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aLinkIsValidForItsDecisionUntilItExpiresAndNotAMomentLonger() {
        String url = links(T0).pageUrl("https://vigil.example.com", "ev-1");
        Map<String, String> q = query(url);
        assertTrue(url.startsWith("https://vigil.example.com/decisions/ev-1?expires="), url);
        assertEquals(String.valueOf(T0.plus(Duration.ofDays(30)).getEpochSecond()), q.get("expires"));
        assertTrue(links(T0.plus(Duration.ofDays(30)).minusSeconds(1)).valid("ev-1", q.get("expires"), q.get("signature")));
        assertFalse(links(T0.plus(Duration.ofDays(30))).valid("ev-1", q.get("expires"), q.get("signature")));
    }

    @Test
    void linksSignedAtOnceOnManyThreadsCarryTheHmacOfTheirOwnIdAndExpiry() throws Exception {
        DecisionLinks links = links(T0);
        javax.crypto.Mac reference = javax.crypto.Mac.getInstance("HmacSHA256");
        reference.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        long expires = T0.plus(Duration.ofDays(30)).getEpochSecond();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<String>> urls = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String id = "ev-" + i;
                urls.add(pool.submit(() -> links.pageUrl("http://v", id)));
            }
            for (int i = 0; i < urls.size(); i++) {
                String expected = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        reference.doFinal(("ev-" + i + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
                assertEquals(expected, query(urls.get(i).get()).get("signature"), "ev-" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherIdALaterExpiryAnotherKeyOrJunkIsRefused() {
        Map<String, String> q = query(links(T0).pageUrl("http://v", "ev-1"));
        DecisionLinks now = links(T0);
        assertFalse(now.valid("ev-2", q.get("expires"), q.get("signature")));
        assertFalse(now.valid("ev-1", String.valueOf(Long.parseLong(q.get("expires")) + 1), q.get("signature")));
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertFalse(new DecisionLinks(otherKey, Duration.ofDays(30), Clock.fixed(T0, ZoneOffset.UTC))
                .valid("ev-1", q.get("expires"), q.get("signature")));
        assertFalse(now.valid("ev-1", null, q.get("signature")));
        assertFalse(now.valid("ev-1", q.get("expires"), null));
        assertFalse(now.valid("ev-1", "-5", q.get("signature")));
        assertFalse(now.valid("ev-1", "9".repeat(40), q.get("signature")));
        assertFalse(now.valid("ev-1", q.get("expires"), q.get("signature") + "A".repeat(100)));
        assertFalse(now.valid("ev-1", q.get("expires"), ""));
    }

    @Test
    void aShortKeyOrNoLifetimeIsRefusedAndTheKeyNeverShowsInToString() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionLinks(new byte[31], Duration.ofDays(1), Clock.systemUTC()));
        assertThrows(IllegalArgumentException.class, () -> new DecisionLinks(KEY, Duration.ZERO, Clock.systemUTC()));
        assertFalse(links(T0).toString().contains("0123456789abcdef"));
    }

    @Test
    void theGeneratedKeyIsStoredOnceAndEveryReplicaReadsTheSame() {
        DataSource ds = H2Files.in(dir);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        byte[] first = new PageKeyRepository(ds).sharedKey(T0);
        byte[] second = new PageKeyRepository(ds).sharedKey(T0.plusSeconds(60));
        assertEquals(32, first.length);
        assertTrue(Arrays.equals(first, second), "a second replica reads the stored key");
        String url = new DecisionLinks(first, Duration.ofDays(1), Clock.fixed(T0, ZoneOffset.UTC)).pageUrl("http://v", "ev-1");
        Map<String, String> q = query(url);
        assertTrue(new DecisionLinks(second, Duration.ofDays(1), Clock.fixed(T0, ZoneOffset.UTC))
                .valid("ev-1", q.get("expires"), q.get("signature")));
    }

    private static DecisionLinks links(Instant now) {
        return new DecisionLinks(KEY, Duration.ofDays(30), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], kv[1]);
        }
        return out;
    }
}
