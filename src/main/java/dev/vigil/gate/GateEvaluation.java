package dev.vigil.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A gate evaluation as the API serves it: PENDING while the server waits for evidence (bounded by the request's
 * {@code canary.waitFor}), DONE with its decision afterwards.
 *
 * @param url         where a person can read the decision (the server's decision page or API resource)
 * @param requestedBy who asked: the caller's name (a token name or an identity); null for evaluations stored
 *                    before it was recorded
 * @param override    a person's override of the decision, or null ({@link #verdict()} is then the decision's)
 */
public record GateEvaluation(String id, Status status, GateRequest request, Instant createdAt, GateDecision decision,
                             String url, String requestedBy, GateOverride override) {

    /** An evaluation nobody is recorded as having asked for, not overridden. */
    public GateEvaluation(String id, Status status, GateRequest request, Instant createdAt, GateDecision decision,
                          String url) {
        this(id, status, request, createdAt, decision, url, null, null);
    }

    /** Life cycle of an evaluation. */
    public enum Status {
        PENDING,
        DONE
    }

    public GateEvaluation {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an evaluation needs an id");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(url, "url");
        if ((status == Status.DONE) != (decision != null)) {
            throw new IllegalArgumentException("a DONE evaluation has a decision and a PENDING one has none");
        }
        if (override != null && (decision == null || decision.verdict() != override.judged())) {
            throw new IllegalArgumentException("an override names the verdict of the decision it overrides");
        }
    }

    /** A new evaluation, PENDING until its first {@link #advance}. */
    public static GateEvaluation start(String id, GateRequest request, Instant createdAt, String url) {
        return start(id, request, createdAt, url, null);
    }

    /** A new evaluation asked for by {@code requestedBy}, PENDING until its first {@link #advance}. */
    public static GateEvaluation start(String id, GateRequest request, Instant createdAt, String url,
                                       String requestedBy) {
        return new GateEvaluation(id, Status.PENDING, request, createdAt, null, url, requestedBy, null);
    }

    /**
     * This evaluation overridden.
     *
     * @throws IllegalStateException when it is PENDING, already overridden, or its verdict is not FAIL or INCONCLUSIVE
     */
    public GateEvaluation overridden(Verdict verdict, String reason, String by, Instant at) {
        if (decision == null) {
            throw new IllegalStateException("evaluation " + id + " is still PENDING; only a decision can be overridden");
        }
        if (override != null) {
            throw new IllegalStateException("evaluation " + id + " was already overridden: " + override.describe());
        }
        if (decision.verdict() != Verdict.FAIL && decision.verdict() != Verdict.INCONCLUSIVE) {
            throw new IllegalStateException("evaluation " + id + " is " + decision.verdict()
                    + "; only a FAIL or INCONCLUSIVE decision can be overridden");
        }
        return new GateEvaluation(id, status, request, createdAt, decision, url, requestedBy,
                new GateOverride(verdict, decision.verdict(), reason, by, at));
    }

    /** The verdict that stands: the override's, else the decision's; null while PENDING. */
    public Verdict verdict() {
        return override != null ? override.verdict() : decision == null ? null : decision.verdict();
    }

    /**
     * The evaluation after evaluating the request once more at {@code now}: it stays PENDING while the decision is
     * INCONCLUSIVE only for want of data that may still arrive and the request's {@code canary.waitFor} has not
     * run out since {@code createdAt}; otherwise it is DONE with this decision. A DONE evaluation never changes.
     */
    public GateEvaluation advance(GateDecision latest, Instant now) {
        if (status == Status.DONE) {
            return this;
        }
        Duration wait = request.canary() == null || request.canary().waitFor() == null
                ? Duration.ZERO : request.canary().waitFor();
        if (latest.retryable() && now.isBefore(createdAt.plus(wait))) {
            return this;
        }
        return new GateEvaluation(id, Status.DONE, request, createdAt, latest, url, requestedBy, null);
    }

    /** The verdict word of the text format: the verdict that stands, or PENDING. */
    public String verdictWord() {
        return decision == null ? "PENDING" : verdict().name();
    }
}
