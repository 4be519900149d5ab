package dev.vigil.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A gate evaluation as the API serves it: PENDING while the server waits for evidence (bounded by the request's
 * {@code canary.waitFor}), DONE with its decision afterwards.
 *
 * @param url where a person can read the decision (the server's decision page or API resource)
 */
public record GateEvaluation(String id, Status status, GateRequest request, Instant createdAt, GateDecision decision,
                             String url) {

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
    }

    /** A new evaluation, PENDING until its first {@link #advance}. */
    public static GateEvaluation start(String id, GateRequest request, Instant createdAt, String url) {
        return new GateEvaluation(id, Status.PENDING, request, createdAt, null, url);
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
        return new GateEvaluation(id, Status.DONE, request, createdAt, latest, url);
    }

    /** The verdict word of the text format: the decision's verdict, or PENDING. */
    public String verdictWord() {
        return decision == null ? "PENDING" : decision.verdict().name();
    }
}
