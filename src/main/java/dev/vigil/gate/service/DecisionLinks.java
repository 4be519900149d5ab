package dev.vigil.gate.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring links to a decision's page, so a CI log can link to it without a token: {@code
 * <base>/decisions/<id>?expires=<epoch seconds>&signature=<base64url HMAC-SHA256 of "id\nexpires">}. Whoever holds
 * the link reads that one decision until it expires; nothing else. Changing the key revokes every link.
 */
public final class DecisionLinks {

    /** The page's path below the base URL. */
    public static final String PATH = "/decisions/";
    /** Longest signature and expiry accepted (a SHA-256 MAC is 43 base64url characters; seconds fit in 12 digits). */
    static final int MAX_SIGNATURE = 64;
    static final int MAX_EXPIRES = 12;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /**
     * Initialised with the key once; every signature works on a clone of it (a Mac is not thread-safe), as every
     * gate answer signs a link and looking up the provider and keying a new Mac cost more than the MAC itself.
     */
    private final Mac keyed;
    private final Duration lifetime;
    private final Clock clock;

    /** @param key at least 32 bytes */
    public DecisionLinks(byte[] key, Duration lifetime, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the decision page signing key needs at least 32 bytes");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("vigil.gate.page.link-lifetime must be > 0, got " + lifetime);
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.keyed = newMac(this.key);
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A link valid from now for the configured lifetime. @param baseUrl absolute, without a trailing slash */
    public String pageUrl(String baseUrl, String id) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        return baseUrl + PATH + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?expires=" + expires
                + "&signature=" + sign(id, expires);
    }

    /**
     * Whether {@code expires} and {@code signature} (as the link carried them, possibly null or junk) were signed for
     * {@code id} and have not expired. Compared in constant time; the answer does not say which part was wrong.
     */
    public boolean valid(String id, String expires, String signature) {
        if (id == null || expires == null || signature == null || expires.length() > MAX_EXPIRES
                || signature.length() > MAX_SIGNATURE || !expires.matches("[0-9]+")) {
            return false;
        }
        long at = Long.parseLong(expires);
        boolean signed = MessageDigest.isEqual(sign(id, at).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
        return signed && clock.instant().isBefore(Instant.ofEpochSecond(at));
    }

    private String sign(String id, long expires) {
        byte[] tag = mac().doFinal((id + "\n" + expires).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    }

    private Mac mac() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key); // a provider whose Mac cannot be cloned: a new one each time
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "DecisionLinks[lifetime=" + lifetime + "]"; // never the key
    }
}
