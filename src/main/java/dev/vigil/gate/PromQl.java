package dev.vigil.gate;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the placeholders of a policy's PromQL: {@code ${service}}, {@code ${environment}} and {@code ${version}}
 * become the request's values escaped for a double-quoted PromQL string (the policy writes the quotes), and in
 * canary queries {@code ${scope}} becomes the whole matcher {@code label="value"} that picks canary or baseline.
 * Request values cannot break out of their string, so a request cannot change the query's shape.
 */
public final class PromQl {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z]+)}");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Prometheus refuses range queries of more points than this per series. */
    static final long MAX_POINTS = 11_000;

    private PromQl() {
    }

    /** Placeholders a policy may use in SLO queries; canary queries also have {@code scope}. */
    static void requireKnownPlaceholders(String check, String query, boolean canary) {
        Matcher m = PLACEHOLDER.matcher(query);
        while (m.find()) {
            String name = m.group(1);
            boolean known = name.equals("service") || name.equals("environment") || name.equals("version")
                    || (canary && name.equals("scope"));
            if (!known) {
                throw new IllegalArgumentException("check " + check + ": unknown placeholder ${" + name + "} in query; "
                        + "known: ${service}, ${environment}, ${version}" + (canary ? ", ${scope}" : ""));
            }
        }
    }

    /** The query with the request's values in place; {@code scopeLabel} and {@code scopeValue} may be null. */
    static String expand(String query, GateRequest request, String scopeLabel, String scopeValue) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "service", escape(request.service()),
                "environment", escape(request.environment()),
                "version", escape(request.version())));
        if (scopeLabel != null) {
            if (!LABEL_NAME.matcher(scopeLabel).matches()) {
                throw new MetricSourceException("canary.label '" + scopeLabel + "' is not a Prometheus label name "
                        + "([a-zA-Z_][a-zA-Z0-9_]*)");
            }
            values.put("scope", scopeLabel + "=\"" + escape(scopeValue) + "\"");
        }
        Matcher m = PLACEHOLDER.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The content of a double-quoted PromQL string literal. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** The check's step, widened so that the window stays within Prometheus' point limit. */
    static Duration step(Duration requested, Duration window) {
        long minMillis = (window.toMillis() + MAX_POINTS - 1) / MAX_POINTS;
        return requested.toMillis() >= minMillis ? requested : Duration.ofMillis(Math.max(1000, minMillis));
    }
}
