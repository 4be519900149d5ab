package dev.vigil.gate.service;

import dev.vigil.gate.GateOverride;
import java.time.Instant;
import java.util.Objects;

/**
 * One gate evaluation as stored: PENDING (no verdict yet) or DONE. The checks and the request are kept as JSON
 * text, written and read by the gate layer.
 *
 * @param requestId     the caller's idempotency key, unique, or null
 * @param policyName    the policy selected when the evaluation was created (PENDING ones are re-evaluated with it)
 * @param policyVersion null while PENDING; the content hash of the policy that decided
 * @param dryRunVerdict the verdict with everything in dry run enforced; null when nothing was in dry run (and its
 *                      score and reason beside it)
 * @param requestedBy   who asked (the caller's name), or null for rows older than the column
 * @param riskJson      the decision's risk stage as JSON, or null (a policy without risk bands, or PENDING)
 * @param override      a person's override, or null; {@code verdict} stays the gate's own
 */
public record DecisionRecord(String id, String requestId, String service, String environment, String version,
                             String commit, String status, String verdict, Double score, String reason,
                             String policyName, String policyVersion, String checksJson, String inputsJson, String url,
                             Instant createdAt, Instant decidedAt, String dryRunVerdict, Double dryRunScore,
                             String dryRunReason, String requestedBy, String riskJson, GateOverride override) {

    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";

    public DecisionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(commit, "commit");
        if (!PENDING.equals(status) && !DONE.equals(status)) {
            throw new IllegalArgumentException("status must be PENDING or DONE, got " + status);
        }
        if (DONE.equals(status) && (verdict == null || decidedAt == null)) {
            throw new IllegalArgumentException("a DONE decision has a verdict and a decision time");
        }
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(checksJson, "checksJson");
        Objects.requireNonNull(inputsJson, "inputsJson");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
