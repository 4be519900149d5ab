package dev.vigil.backtest;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses the timestamps users have in their CSVs: NAB's {@code 2014-04-01 00:00:00} (read as UTC),
 * ISO-8601 with or without offset, and epoch seconds or milliseconds (|n| >= 1e11 is read as millis, i.e. after 1973 in millis).
 */
final class Timestamps {

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private Timestamps() {
    }

    static long parseMillis(String text) {
        String t = text.strip();
        if (!t.isEmpty() && isNumber(t)) {
            double n = Double.parseDouble(t);
            return Math.abs(n) >= 1e11 ? (long) n : Math.round(n * 1000);
        }
        try {
            if (t.length() > 10 && t.charAt(10) == ' ') {
                return LocalDateTime.parse(t, SPACED).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable timestamp '" + text
                    + "': expected 'yyyy-MM-dd HH:mm:ss', ISO-8601 or epoch seconds/millis", e);
        }
    }

    private static boolean isNumber(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(Character.isDigit(c) || c == '.' || (i == 0 && c == '-'))) {
                return false;
            }
        }
        return true;
    }

}
