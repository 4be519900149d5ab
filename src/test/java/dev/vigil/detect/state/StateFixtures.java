package dev.vigil.detect.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The frozen detector states under src/test/resources/detect, each a base64 text of the bytes. */
public final class StateFixtures {

    private StateFixtures() {
    }

    public static byte[] read(String name) throws IOException {
        try (InputStream in = StateFixtures.class.getResourceAsStream(name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            return Base64.getDecoder().decode(text);
        }
    }
}
