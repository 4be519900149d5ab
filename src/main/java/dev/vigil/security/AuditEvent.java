package dev.vigil.security;

import java.time.Instant;

/**
 * One use that changed something.
 *
 * @param action      what, e.g. {@code token.create}, {@code gate.evaluate} ({@link AuditLog} lists them)
 * @param service     on which service; null for what has none (tokens)
 * @param environment null when there is none
 * @param detail      a short description (ids, verdicts), at most 1,024 characters
 */
public record AuditEvent(String id, Instant at, String tokenId, String tokenName, String action, String service,
        String environment, String detail) {
}
