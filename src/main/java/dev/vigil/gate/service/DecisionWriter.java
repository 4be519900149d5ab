package dev.vigil.gate.service;

import dev.vigil.gate.GateEvaluation;
import dev.vigil.store.WriteBehind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Stores new evaluations off the request thread: the profile of the gate benchmark showed the INSERT (one H2
 * transaction per decision) and the Kafka publish as the largest parts of a request after the evaluation itself.
 * One writer thread ({@link WriteBehind}) takes whatever has queued up, inserts it in one transaction (one commit
 * for the batch), then hands each evaluation to {@code afterWrite} (the publisher), so a decision is on Kafka only
 * once it is stored.
 *
 * <p>Read-your-writes: an evaluation is held in memory from {@link #write} until its row is committed, and
 * {@link #find} looks there first, so a GET of a just-returned id answers on this replica. {@link #awaitWritten}
 * lets a listing wait for what was accepted before it. Durability: the queue is drained on {@link #close} (a
 * normal shutdown); a crash loses at most the evaluations of the batch in flight (milliseconds of decisions,
 * already answered to their callers, neither stored nor published). A full queue blocks the caller: back-pressure,
 * not loss.
 */
public final class DecisionWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DecisionWriter.class);

    /** policyName null: already stored by the caller, only to be announced. */
    private record Item(GateEvaluation evaluation, String policyName) {
        boolean toStore() {
            return policyName != null;
        }
    }

    private final DecisionRepository decisions;
    private final Consumer<GateEvaluation> afterWrite;
    private final WriteBehind<Item> queue;
    private final Map<String, GateEvaluation> unwritten = new ConcurrentHashMap<>();

    /**
     * @param capacity   evaluations that may wait; a further {@link #write} blocks until there is room
     * @param maxBatch   evaluations inserted in one transaction at most
     * @param afterWrite called on the writer thread for every evaluation once stored (also when the row could not
     *                   be stored: the decision was answered, so it is still announced)
     */
    public DecisionWriter(DecisionRepository decisions, Consumer<GateEvaluation> afterWrite, int capacity, int maxBatch) {
        this.decisions = decisions;
        this.afterWrite = afterWrite;
        this.queue = new WriteBehind<>("decision", capacity, maxBatch);
        queue.start(this::storeAndAnnounce);
    }

    /**
     * Queues a new evaluation to be stored, then announced. For evaluations without a request id: a request id is
     * unique across replicas, which only the database's constraint checks, so those are stored by the caller.
     */
    public void write(GateEvaluation evaluation, String policyName) {
        unwritten.put(evaluation.id(), evaluation);
        enqueue(evaluation, Objects.requireNonNull(policyName, "policyName"));
    }

    /** Queues an evaluation the caller has stored, to be announced in order with the others. */
    public void announce(GateEvaluation evaluation) {
        enqueue(evaluation, null);
    }

    private void enqueue(GateEvaluation evaluation, String policyName) {
        try {
            queue.put(new Item(evaluation, policyName));
        } catch (IllegalStateException e) {
            unwritten.remove(evaluation.id());
            throw e;
        }
    }

    /** An evaluation accepted but not yet stored; empty once it is in the database (or was never written here). */
    public Optional<GateEvaluation> unwritten(String id) {
        return Optional.ofNullable(unwritten.get(id));
    }

    /**
     * Waits until every evaluation accepted before this call is stored (or failed to store).
     *
     * @return false if that did not happen within {@code timeout}
     */
    public boolean awaitWritten(Duration timeout) throws InterruptedException {
        return queue.awaitWritten(timeout);
    }

    /** Evaluations waiting to be stored. */
    public int backlog() {
        return unwritten.size();
    }

    /** The batch writer: never throws, so the batch is done (stored or given up) and announced either way. */
    private void storeAndAnnounce(List<Item> batch) {
        try {
            store(batch);
        } catch (RuntimeException e) {
            LOG.errorf(e, "decision writer failed on a batch of %d", batch.size());
        }
        finish(batch);
    }

    private void store(List<Item> batch) {
        List<DecisionRecord> rows = new ArrayList<>(batch.size());
        for (Item i : batch) {
            if (i.toStore()) {
                rows.add(GateJson.toRecord(i.evaluation(), i.policyName()));
            }
        }
        try {
            decisions.insertAll(rows);
        } catch (RuntimeException batchFailure) {
            // one bad row must not lose the others: store them one by one, each failure on its own
            LOG.warnf("storing %d decisions in one transaction failed (%s); storing them one by one", rows.size(),
                    batchFailure.getMessage());
            for (DecisionRecord row : rows) {
                try {
                    decisions.insert(row);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "gate decision %s (%s %s %s) could not be stored; it was answered and is still "
                            + "published", row.id(), row.service(), row.environment(), row.verdict());
                }
            }
        }
    }

    /** Stored (or given up): leave memory, announce. */
    private void finish(List<Item> batch) {
        for (Item i : batch) {
            unwritten.remove(i.evaluation().id());
        }
        for (Item i : batch) {
            try {
                afterWrite.accept(i.evaluation());
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not announce gate decision %s", i.evaluation().id());
            }
        }
    }

    /** Stops taking evaluations and stores those queued (waits up to {@code timeout}). */
    public void close(Duration timeout) {
        if (!queue.close(timeout)) {
            LOG.errorf("decision writer did not finish within %s; %d decisions not stored", timeout, unwritten.size());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
