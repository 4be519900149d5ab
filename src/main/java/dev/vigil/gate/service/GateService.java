package dev.vigil.gate.service;

import dev.vigil.gate.Evidence;
import dev.vigil.gate.GateDecision;
import dev.vigil.gate.GateEvaluation;
import dev.vigil.gate.GateEvaluator;
import dev.vigil.gate.GatePolicy;
import dev.vigil.gate.GateRequest;
import dev.vigil.gate.Verdict;
import dev.vigil.gate.policy.PolicySet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs gate evaluations: selects the policy, evaluates at once, stores the evaluation (PENDING while the domain
 * says data may still arrive, DONE otherwise), and finishes PENDING ones when {@link #advancePending} runs.
 * New evaluations without a request id are stored by the {@link DecisionWriter} after the answer; those with one
 * are stored before it (the unique request id is checked by the database).
 * Idempotent on the request id. Plain Java; the REST layer maps its exceptions to problems.
 */
public class GateService {

    private static final Logger LOG = Logger.getLogger(GateService.class);
    private static final int PENDING_BATCH = 100;

    /** The same request id was used for a different request. */
    public static final class RequestConflict extends RuntimeException {
        public RequestConflict(String message) {
            super(message);
        }
    }

    /**
     * The evaluation, whether it was created by this call (false: an earlier one with the same request id, or the
     * overridden one), and the release's known prediction, which the answer shows as the change: already read when
     * the risk stage needed it, so one answer reads it once.
     */
    public record Submitted(GateEvaluation evaluation, boolean created, Evidence.KnownOnce known) {
    }

    private final Supplier<PolicySet> policies;
    private final GateEvaluator evaluator;
    private final DecisionRepository decisions;
    private final DecisionWriter writer;
    private final Consumer<GateEvaluation> publisher;
    private final Clock clock;

    /**
     * @param writer    stores new evaluations and announces them off the request thread
     * @param publisher announces evaluations finished in the background ({@link #advancePending})
     */
    public GateService(Supplier<PolicySet> policies, GateEvaluator evaluator, DecisionRepository decisions,
                       DecisionWriter writer, Consumer<GateEvaluation> publisher, Clock clock) {
        this.policies = policies;
        this.evaluator = evaluator;
        this.decisions = decisions;
        this.writer = writer;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * A release whose decision a person overrode is not judged again: the overridden evaluation is the answer, so a
     * pipeline re-run after the override goes on, with the override's reason.
     *
     * @param baseUrl     absolute URL of Vigil, without a trailing slash
     * @param requestedBy who asks (the caller's name), recorded with the evaluation
     * @throws dev.vigil.gate.policy.PolicySelectionException no single policy applies
     * @throws dev.vigil.gate.GateRejectedException           the policy cannot judge this request
     * @throws RequestConflict                                 the request id is taken by another request
     */
    public Submitted submit(GateRequest request, String baseUrl, String requestedBy) {
        if (request.requestId() != null) {
            Optional<DecisionRecord> earlier = decisions.findByRequestId(request.requestId());
            if (earlier.isPresent()) {
                return new Submitted(replay(earlier.get(), request), false, evaluator.known(request));
            }
        }
        Optional<DecisionRecord> overridden = decisions.findOverridden(request.service(), request.environment(),
                request.version(), request.commit());
        if (overridden.isPresent()) {
            return new Submitted(GateJson.toEvaluation(overridden.get()), false, evaluator.known(request));
        }
        GatePolicy policy = policies.get().select(request.service(), request.environment(), request.policy());
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        GateEvaluation started = GateEvaluation.start(id, request, now, baseUrl + "/api/v1/gates/evaluations/" + id,
                requestedBy);
        Evidence.KnownOnce known = evaluator.known(request);
        GateEvaluation evaluation = started.advance(evaluator.evaluate(request, policy, now, known), now);
        if (request.requestId() == null) {
            // nothing to be unique about: stored (one transaction per batch) and published off the request thread
            writer.write(evaluation, policy.name());
            return new Submitted(evaluation, true, known);
        }
        // a request id must be unique across replicas: the database's constraint decides, now
        DecisionRecord stored = decisions.insert(GateJson.toRecord(evaluation, policy.name()));
        if (!stored.id().equals(id)) {
            return new Submitted(replay(stored, request), false, evaluator.known(request));
        }
        writer.announce(evaluation);
        return new Submitted(evaluation, true, known);
    }

    private static GateEvaluation replay(DecisionRecord earlier, GateRequest request) {
        GateEvaluation e = GateJson.toEvaluation(earlier);
        if (!e.request().equals(request)) {
            throw new RequestConflict("requestId '" + request.requestId() + "' was already used for a different request "
                    + "(evaluation " + e.id() + "); use a new requestId for a new request");
        }
        return e;
    }

    /** The release's known prediction, read on first use (for an answer about an evaluation found by id). */
    public Evidence.KnownOnce known(GateRequest request) {
        return evaluator.known(request);
    }

    /** Also finds an evaluation answered a moment ago whose row is not written yet (read-your-writes). */
    public Optional<GateEvaluation> find(String id) {
        Optional<GateEvaluation> unwritten = writer.unwritten(id);
        return unwritten.isPresent() ? unwritten : decisions.findById(id).map(GateJson::toEvaluation);
    }

    /** The override could not be recorded: the decision is PENDING, not FAIL or INCONCLUSIVE, or already overridden. */
    public static final class OverrideRefused extends RuntimeException {
        public OverrideRefused(String message) {
            super(message);
        }
    }

    /**
     * Overrides a FAIL or INCONCLUSIVE decision, once (the database's conditional update decides between replicas).
     *
     * @return the overridden evaluation, or empty when there is no such evaluation
     * @throws OverrideRefused          it cannot be overridden
     * @throws IllegalArgumentException the verdict or reason is not acceptable (naming the field)
     */
    public Optional<GateEvaluation> override(String id, Verdict verdict, String reason, String by) {
        Optional<GateEvaluation> found = find(id);
        if (found.isPresent() && writer.unwritten(id).isPresent()) {
            awaitStored();
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        GateEvaluation overridden;
        try {
            overridden = found.get().overridden(verdict, reason, by, clock.instant());
        } catch (IllegalStateException e) {
            throw new OverrideRefused(e.getMessage());
        }
        if (!decisions.override(id, overridden.override())) {
            GateEvaluation now = decisions.findById(id).map(GateJson::toEvaluation).orElse(found.get());
            throw new OverrideRefused(now.override() != null ? "evaluation " + id + " was already overridden: "
                    + now.override().describe() : "evaluation " + id + " cannot be overridden now");
        }
        return Optional.of(overridden);
    }

    /** An evaluation answered a moment ago is stored within milliseconds; an override updates its row. */
    private void awaitStored() {
        try {
            if (!writer.awaitWritten(java.time.Duration.ofSeconds(5))) {
                throw new OverrideRefused("the decision is not stored yet; try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OverrideRefused("interrupted while waiting for the decision to be stored");
        }
    }

    /** Evaluates every PENDING evaluation once more; finishes those the domain says are done. */
    public int advancePending() {
        List<DecisionRecord> pending = decisions.pending(PENDING_BATCH);
        int finished = 0;
        for (DecisionRecord row : pending) {
            try {
                if (advance(row)) {
                    finished++;
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not advance pending gate evaluation %s", row.id());
            }
        }
        return finished;
    }

    private boolean advance(DecisionRecord row) {
        GateEvaluation pending = GateJson.toEvaluation(row);
        GateRequest request = pending.request();
        PolicySet inForce = policies.get();
        GatePolicy policy = inForce.named(row.policyName())
                .orElseGet(() -> inForce.select(request.service(), request.environment(), request.policy()));
        Instant now = clock.instant();
        GateDecision decision = evaluator.evaluate(request, policy, now);
        GateEvaluation next = pending.advance(decision, now);
        if (next.status() == GateEvaluation.Status.PENDING) {
            return false;
        }
        if (decisions.updatePending(GateJson.toRecord(next, policy.name()))) {
            publisher.accept(next);
            return true;
        }
        return false;
    }
}
