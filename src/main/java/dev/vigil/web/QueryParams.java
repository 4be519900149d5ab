package dev.vigil.web;

import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses and checks query parameters, failing with a problem that names the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    public static PageRequest page(Integer limit, Integer offset) {
        int l = limit == null ? Page.DEFAULT_LIMIT : limit;
        int o = offset == null ? 0 : offset;
        if (l < 1 || l > Page.MAX_LIMIT) {
            throw ProblemException.badParameter("limit", "must be between 1 and " + Page.MAX_LIMIT + ", got " + l);
        }
        if (o < 0) {
            throw ProblemException.badParameter("offset", "must not be negative, got " + o);
        }
        return new PageRequest(l, o);
    }

    /** An RFC 3339 timestamp, or null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(name, "must be an RFC 3339 timestamp such as 2026-11-25T07:00:00Z, got '" + value + "'");
        }
    }

    public static void range(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badParameter("to", "must be after 'from'");
        }
    }

    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
