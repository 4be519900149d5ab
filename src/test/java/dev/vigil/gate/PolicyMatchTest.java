package dev.vigil.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Glob matching of policies: what matches, and that it answers as the regular expression it replaced. */
class PolicyMatchTest {

    /** The definition the matcher replaced: each glob turned into a regular expression. */
    private static boolean byRegex(String glob, String value) {
        StringBuilder regex = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            regex.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.matches(regex.toString(), value);
    }

    @Test
    void starStandsForAnyRunAndQuestionMarkForOneCharacter() {
        assertTrue(PolicyMatch.matches("*", ""));
        assertTrue(PolicyMatch.matches("*", "checkout"));
        assertTrue(PolicyMatch.matches("check*", "checkout"));
        assertTrue(PolicyMatch.matches("*out", "checkout"));
        assertTrue(PolicyMatch.matches("c*k*t", "checkout"));
        assertTrue(PolicyMatch.matches("checkou?", "checkout"));
        assertFalse(PolicyMatch.matches("checkou?", "checkou"));
        assertFalse(PolicyMatch.matches("check", "checkout"), "the whole name, not a prefix");
        assertFalse(PolicyMatch.matches("Checkout", "checkout"), "case matters");
        assertFalse(PolicyMatch.matches("pay.*", "payXments"), "a dot is a dot");
        assertTrue(PolicyMatch.matches("svc-?", "svc-\uD83D\uDE00"), "? is one character, even outside the BMP");
        assertFalse(PolicyMatch.matches("*", "a\u2028b"), "a wildcard never stands for a line terminator");
    }

    @Test
    void answersAsTheRegularExpressionItReplaced() {
        List<String> globs = List.of("*", "**", "?", "a*", "*a", "a*b", "*a*", "a?b", "?*?", "a*b*c", "ab*ab",
                "*-prod", "svc-?", "team/*", "a.b", "*.*", "a**b", "??", "*ab*ab*");
        Random random = new Random(15);
        String alphabet = "ab.-/c\u00e9\n\u2028";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(7);
            for (int i = 0; i < length; i++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(10) == 0) {
                value.appendCodePoint(0x1F600);
            }
            for (String glob : globs) {
                assertEquals(byRegex(glob, value.toString()), PolicyMatch.matches(glob, value.toString()),
                        () -> glob + " against '" + value + "'");
            }
        }
    }
}
