package dev.vigil.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and checks bearer tokens.
 *
 * <p>Tokens are 256 random bits, so a plain SHA-256 is enough to store them (a slow password hash protects
 * guessable secrets, which these are not). The lookup id is a prefix of the hash; the full hashes are then
 * compared in constant time.
 */
public final class TokenHasher {

    static final String PREFIX = "vgl_";
    static final int MIN_LENGTH = 24;
    private static final int ID_LENGTH = 12;

    private final SecureRandom random = new SecureRandom();

    public String newToken() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public String idOf(String hash) {
        return hash.substring(0, ID_LENGTH);
    }

    public boolean matches(String presentedHash, String storedHash) {
        return MessageDigest.isEqual(presentedHash.getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
