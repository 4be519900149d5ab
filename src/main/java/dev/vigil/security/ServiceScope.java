package dev.vigil.security;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The services (and, optionally, environments) a token may act on: glob patterns where {@code *} stands for any
 * run of characters ({@code checkout*}). An empty list means any. Every endpoint that reads or changes a service's
 * data asks {@link #require} or {@link #allows}; an unscoped token ({@link #ALL}) may act on everything, as before
 * scopes existed.
 *
 * <p>Environments restrict what carries one (deploys, gate evaluations, predictions, decisions); data that belongs
 * to a service and no environment (series, samples, anomalies) is decided by the service patterns alone.
 */
public record ServiceScope(List<String> services, List<String> environments) {

    public static final ServiceScope ALL = new ServiceScope(List.of(), List.of());

    /** A pattern: letters, digits and {@code _.-}, and {@code *} for any run of them. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_.*-]{1,128}");

    /** At most this many patterns per list. */
    public static final int MAX_PATTERNS = 32;

    public ServiceScope {
        services = List.copyOf(services);
        environments = List.copyOf(environments);
        for (String p : services) {
            check(p);
        }
        for (String p : environments) {
            check(p);
        }
    }

    /** Refused when a service's data is asked for or sent outside the caller's scope. */
    public static final class OutOfScope extends RuntimeException {
        public OutOfScope(String message) {
            super(message);
        }
    }

    public boolean unrestricted() {
        return services.isEmpty() && environments.isEmpty();
    }

    /** @param environment null for data that has none (series, samples, anomalies) */
    public boolean allows(String service, String environment) {
        return matchesAny(services, service) && (environment == null || matchesAny(environments, environment));
    }

    /** @throws OutOfScope naming the service (and environment) when they are outside this scope */
    public void require(String service, String environment) {
        if (!allows(service, environment)) {
            throw new OutOfScope("this token may not act on service '" + service + "'"
                    + (environment == null ? "" : " in environment '" + environment + "'"));
        }
    }

    /**
     * For a listing of data without environment (series, anomalies): a token limited to services must name one of
     * them as the filter (a listing across services would show others' data); an unlimited one may leave it out.
     */
    public void requireListing(String service) {
        if (blank(service)) {
            if (!services.isEmpty()) {
                throw new OutOfScope("this token is limited to services " + services + ": name the service to list");
            }
            return;
        }
        require(service, null);
    }

    /** For a listing of data with an environment (deploys, predictions): as above, for both filters. */
    public void requireListing(String service, String environment) {
        requireListing(service);
        if (environments.isEmpty()) {
            return;
        }
        if (blank(environment)) {
            throw new OutOfScope("this token is limited to environments " + environments
                    + ": name the environment to list");
        }
        if (!matchesAny(environments, environment)) {
            throw new OutOfScope("this token may not act in environment '" + environment + "'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean matchesAny(List<String> patterns, String value) {
        if (patterns.isEmpty()) {
            return true;
        }
        return value != null && patterns.stream().anyMatch(p -> glob(p).matcher(value).matches());
    }

    /** {@code *} for any run of characters, everything else literal (also for {@link ClaimRule}s). */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static void check(String pattern) {
        if (!PATTERN.matcher(pattern).matches()) {
            throw new IllegalArgumentException("a scope pattern is 1-128 letters, digits, _.- or *: '" + pattern + "'");
        }
    }
}
