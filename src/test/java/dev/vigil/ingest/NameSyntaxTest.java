package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NameSyntaxTest {

    private static final Map<NameSyntax, Pattern> SAME_AS = Map.of(
            NameSyntax.METRIC, Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*"),
            NameSyntax.LABEL, Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*"),
            NameSyntax.SERVICE, Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]*"),
            NameSyntax.DEPLOY_NAME, Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/@+-]*"));

    @Test
    void agreesWithTheRegularExpressionItReplaces() {
        String alphabet = "aZz09_:.-/@+ é\u00ff\u0100{}[]|=,";
        Random random = new Random(7);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(6);
            for (int i = 0; i < length; i++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = name.toString();
            SAME_AS.forEach((syntax, regex) -> assertEquals(regex.matcher(candidate).matches(), syntax.matches(candidate),
                    () -> syntax + " on '" + candidate + "'"));
        }
    }

    @Test
    void acceptsTypicalNamesAndRejectsEmptyOnes() {
        assertTrue(NameSyntax.METRIC.matches("http_server_requests_seconds:rate5m"));
        assertTrue(NameSyntax.SERVICE.matches("payments/api-v2"));
        assertTrue(NameSyntax.DEPLOY_NAME.matches("1.4.2+build.7"));
        assertFalse(NameSyntax.LABEL.matches(""));
        assertFalse(NameSyntax.METRIC.matches("9lives"));
        assertFalse(NameSyntax.SERVICE.matches("-leading-dash"));
    }
}
