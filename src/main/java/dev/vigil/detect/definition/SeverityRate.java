package dev.vigil.detect.definition;

import dev.vigil.core.AlarmRate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A severity threshold as a definition writes it: a score in (0, 1] ({@code 0.95}), or the false-alarm rate it
 * stands for ({@code 1/100d}: one false alarm per series per 100 days on data without anomalies). A score means a
 * rate ({@link AlarmRate}: 0.75 is one per day, 0.85 one per 10 days, 0.95 one per 100 days), so the two forms are
 * interchangeable; the rate is what a user budgets. Units: {@code h}, {@code d}, {@code w}. Rates above one per day
 * are not alarms on this scale. (A series sampled more slowly than every ~7 minutes has its budget counted per 200
 * points rather than per day; see docs/detection.md.)
 */
final class SeverityRate {

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(\\d+(?:\\.\\d+)?)?\\s*([hdw])");

    private SeverityRate() {
    }

    /** The score threshold {@code text} stands for; fails with a message naming the accepted forms. */
    static double score(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = RATE.matcher(t);
        if (m.matches()) {
            return scoreOfRate(Double.parseDouble(m.group(1)), m.group(2) == null ? 1 : Double.parseDouble(m.group(2)),
                    m.group(3), text);
        }
        try {
            return Double.parseDouble(t); // range checked with the other levels by SeverityMapping
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a score in (0, 1] or a false-alarm rate such as 1/10d "
                    + "(alarms / period, units h, d, w), got '" + text + "'");
        }
    }

    private static double scoreOfRate(double alarms, double periods, String unit, String text) {
        double days = periods * switch (unit) {
            case "h" -> 1 / 24.0;
            case "w" -> 7.0;
            default -> 1.0;
        };
        double perDay = alarms / days;
        if (!(perDay > 0) || perDay > 1) {
            throw new IllegalArgumentException("a severity's false-alarm rate must be above 0 and at most 1 per day "
                    + "(1/1d is the info level), got '" + text + "'");
        }
        return AlarmRate.scoreAt(perDay);
    }
}
