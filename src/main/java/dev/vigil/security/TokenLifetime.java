package dev.vigil.security;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a token issued through the API expires: asked for as {@code expiresIn} (a duration such as {@code 90d},
 * {@code 12h}, {@code 30m}, or an instant such as {@code 2027-03-01T00:00:00Z}), never later than {@code max} from
 * its creation, and {@code max} from creation when not asked for (so every issued token ends).
 */
public record TokenLifetime(Duration max) {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smhd])");

    public TokenLifetime {
        if (max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException("the maximum token lifetime must be positive");
        }
    }

    /** A refusal of the asked-for expiry, with the reason to answer. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** @throws Invalid when {@code expiresIn} is neither a duration nor an instant, in the past, or beyond the maximum */
    public Instant expiry(String expiresIn, Instant now) {
        Instant latest = now.plus(max);
        if (expiresIn == null || expiresIn.isBlank()) {
            return latest;
        }
        Instant at = parse(expiresIn.trim(), now);
        if (!at.isAfter(now)) {
            throw new Invalid("expiresIn must be in the future");
        }
        if (at.isAfter(latest)) {
            throw new Invalid("expiresIn may be at most " + describe(max) + " (vigil.security.token-max-lifetime)");
        }
        return at;
    }

    private static Instant parse(String text, Instant now) {
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.plus(d);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Invalid("expiresIn must be a duration like 90d, 12h or 30m, or an instant like 2027-03-01T00:00:00Z");
        }
    }

    private static String describe(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? d.toDays() + "d" : d.toSeconds() + "s";
    }
}
