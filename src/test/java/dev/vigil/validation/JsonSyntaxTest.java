package dev.vigil.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON syntax errors read as plain sentences naming line, column and field, never the parser's internals. */
class JsonSyntaxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nanNamesTheFieldAndThePositionWithoutJacksonsFeatureFlags() {
        assertEquals("at line 1, column 28 (field \"value\"): NaN is not a number in JSON (neither NaN nor Infinity"
                + " is); send a finite number", describe("{\"service\":\"a\",\"value\": NaN}"));
        assertEquals("at line 2, column 20 (field \"value\"): -Infinity is not a number in JSON (neither NaN nor"
                + " Infinity is); send a finite number", describe("{\"name\": \"up\",\n \"value\": -Infinity}"));
    }

    @Test
    void truncatedInputSaysWhatIsNotClosed() {
        assertEquals("at line 1, column 7 (field \"a\"): the text ends before the object is closed", describe("{\"a\":1"));
        assertEquals("at line 1, column 5: the text ends before the array is closed", describe("[1,2"));
    }

    @Test
    void otherErrorsKeepTheParsersWordsWithoutCharacterCodes() {
        assertEquals("at line 1, column 8 (field \"a\"): unexpected character '}': was expecting double-quote to start"
                + " field name", describe("{\"a\":1,}"));
        assertEquals("at line 1, column 8 (field \"a\"): illegal unquoted character control character 10: has to be"
                + " escaped using backslash to be included in string value", describe("{\"a\":\"x\ny\"}"));
    }

    @Test
    void noMessageQuotesParserInternals() {
        for (String bad : List.of("{\"v\": NaN}", "{\"v\": Infinity}", "{\"a\":1", "[", "{'a':1}", "abc", "{\"a\":01}",
                "{\"a\":\"\\q\"}", "{\"a\": tru}")) {
            String reason = describe(bad);
            for (String internal : List.of("`", "Feature", "Source", "REDACTED", "code ")) {
                assertFalse(reason.contains(internal), () -> bad + " -> " + reason);
            }
        }
    }

    private static String describe(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> JSON.readTree(json.getBytes(StandardCharsets.UTF_8)));
        return JsonSyntax.describe(e);
    }
}
