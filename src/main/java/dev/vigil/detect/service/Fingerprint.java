package dev.vigil.detect.service;

import dev.vigil.detect.definition.DetectorDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Identifies what a detector's state depends on: the algorithm and its settings (not the name or severity). */
final class Fingerprint {

    private Fingerprint() {
    }

    static String of(DetectorDefinition definition) {
        String text = definition.algorithm() + "|" + definition.settings();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
