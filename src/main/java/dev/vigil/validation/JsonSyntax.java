package dev.vigil.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON syntax error in plain words, for dead-letter reasons and problem details: where it is (line, column, the
 * field being read) and what is wrong, without the parser's internals (feature flags such as
 * {@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}, source descriptions, character codes).
 */
public final class JsonSyntax {

    private static final Pattern NON_NUMBER = Pattern.compile("^Non-standard token '([^']*)'");
    private static final Pattern END_OF_INPUT = Pattern.compile("expected close marker for (Object|Array)");
    private static final Pattern CHARACTER = Pattern.compile("\\(?('.+?') \\(code \\d+\\)\\)?");
    private static final Pattern CONTROL = Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    /** A parenthesis or clause that names a parser feature or the source, e.g. {@code : enable `X.Y` to allow}. */
    private static final Pattern INTERNALS = Pattern.compile(":? ?(enable|disable) `[^`]*`[^;)]*|\\s*\\((start marker at )?\\[Source:.*$"
            + "|`[A-Za-z]+Feature\\.[A-Z_]+`");

    private JsonSyntax() {
    }

    /** E.g. {@code at line 1, column 28 (field "value"): NaN is not a number in JSON (neither is Infinity)}. */
    public static String describe(JsonProcessingException e) {
        return where(e) + ": " + what(e);
    }

    /** The field whose name or value was being read when the error came, or null (top level, an array). */
    public static String field(JsonProcessingException e) {
        return e.getProcessor() instanceof JsonParser p ? p.getParsingContext().getCurrentName() : null;
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : "at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String field = field(e);
        if (field != null) {
            where += (where.isEmpty() ? "" : " ") + "(field \"" + field + "\")";
        }
        return where.isEmpty() ? "in the input" : where;
    }

    private static String what(JsonProcessingException e) {
        String original = String.valueOf(e.getOriginalMessage());
        Matcher nonNumber = NON_NUMBER.matcher(original);
        if (nonNumber.find()) {
            return nonNumber.group(1) + " is not a number in JSON (neither NaN nor Infinity is); send a finite number";
        }
        Matcher end = END_OF_INPUT.matcher(original);
        if (e instanceof JsonEOFException && end.find()) {
            return "the text ends before the " + (end.group(1).equals("Object") ? "object" : "array") + " is closed";
        }
        String plain = INTERNALS.matcher(original).replaceAll("");
        plain = CHARACTER.matcher(plain).replaceAll("$1");
        plain = CONTROL.matcher(plain).replaceAll("control character $1");
        plain = plain.strip();
        return plain.isEmpty() ? "not well-formed" : Character.toLowerCase(plain.charAt(0)) + plain.substring(1);
    }
}
