package dev.vigil.gate;

import java.time.Instant;
import java.util.Objects;

/**
 * "May this release go on?" Required: service, environment, version, commit. Everything else is optional (null).
 *
 * @param requestId  the caller's idempotency key: the same id returns the same evaluation
 * @param policy     a policy name; null lets the service and environment pick one
 * @param deployedAt when the release was deployed; anomaly windows are centred on it; null means "now"
 */
public record GateRequest(String requestId, String service, String environment, String version, String commit,
                          String previousCommit, String repository, String policy, CanaryRequest canary,
                          Instant deployedAt) {

    public GateRequest {
        if (requestId != null) {
            requirePattern("requestId", requestId, "[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
        }
        requireToken("service", service, 128);
        requireToken("environment", environment, 128);
        requireToken("version", version, 128);
        requireToken("commit", commit, 128);
        if (previousCommit != null) {
            requireToken("previousCommit", previousCommit, 128);
        }
        if (repository != null) {
            requireToken("repository", repository, 512);
        }
        if (policy != null) {
            requirePattern("policy", policy, "[A-Za-z0-9][A-Za-z0-9._-]*");
        }
    }

    /** The instant anomaly windows are centred on. */
    public Instant reference(Instant now) {
        return deployedAt == null ? now : deployedAt;
    }

    static void requireToken(String field, String value, int maxLength) {
        Objects.requireNonNull(value, () -> "field '" + field + "' is required");
        if (value.isBlank() || value.length() > maxLength || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("field '" + field + "' must be 1-" + maxLength
                    + " characters without control characters, got '" + value + "'");
        }
    }

    private static void requirePattern(String field, String value, String regex) {
        if (!value.matches(regex)) {
            throw new IllegalArgumentException("field '" + field + "' must match " + regex + ", got '" + value + "'");
        }
    }
}
