package dev.vigil.gate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.gate.GateDecision;
import dev.vigil.gate.GateEvaluation;
import dev.vigil.gate.GateRequest;
import dev.vigil.gate.Verdict;
import dev.vigil.testing.H2Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New decisions are stored after the answer, in batches: still found in between (read-your-writes), announced only
 * once stored, one clashing row does not lose the batch, and closing stores what is queued.
 */
class DecisionWriterTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;
    DecisionRepository repository;
    DecisionWriter writer;
    final List<String> announced = new CopyOnWriteArrayList<>();
    /** While held, the writer thread is stuck announcing the evaluation with id "gate", so later ones queue up. */
    final CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch held = new CountDownLatch(1);

    @BeforeEach
    void setUp() {
        javax.sql.DataSource ds = H2Files.in(dir);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        repository = new DecisionRepository(ds);
        writer = new DecisionWriter(repository, e -> {
            if (e.id().equals("gate")) {
                held.countDown();
                try {
                    assertTrue(gate.await(30, TimeUnit.SECONDS), "test never released the writer");
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            announced.add(e.id());
        }, 100, 50);
    }

    @AfterEach
    void tearDown() {
        gate.countDown();
        writer.close(Duration.ofSeconds(10));
    }

    static GateEvaluation evaluation(String id) {
        GateRequest request = new GateRequest(null, "checkout", "prod", "1.5." + id, "abc1234", null, null, null, null, null);
        GateDecision decision = new GateDecision(Verdict.PASS, 100.0, "score 100.0 meets the pass limit 100", List.of(),
                new GateDecision.PolicyRef("default", "sha256:0"), request, T0, null);
        return new GateEvaluation(id, GateEvaluation.Status.DONE, request, T0, decision, "http://vigil/api/v1/gates/evaluations/" + id);
    }

    /** Blocks the writer thread (in the announcement of "gate") so that what is written next stays queued. */
    private void holdWriter() throws Exception {
        writer.write(evaluation("gate"), "default");
        assertTrue(held.await(10, TimeUnit.SECONDS), "the writer took the first evaluation");
    }

    @Test
    void anEvaluationIsFoundBeforeItsRowIsWrittenAndInTheDatabaseAfter() throws Exception {
        holdWriter();
        writer.write(evaluation("e1"), "default");
        assertEquals("e1", writer.unwritten("e1").orElseThrow().id(), "held in memory until stored");
        assertTrue(repository.findById("e1").isEmpty(), "not stored while the writer is held");
        assertFalse(announced.contains("e1"), "announced only once stored");
        assertFalse(writer.awaitWritten(Duration.ofMillis(50)), "the wait is bounded");

        gate.countDown();
        assertTrue(writer.awaitWritten(Duration.ofSeconds(10)));
        assertTrue(writer.unwritten("e1").isEmpty());
        assertEquals(GateJson.toRecord(evaluation("e1"), "default"), repository.findById("e1").orElseThrow());
        assertEquals(List.of("gate", "e1"), announced);
    }

    @Test
    void aClashingRowDoesNotLoseTheRestOfItsBatch() throws Exception {
        repository.insert(GateJson.toRecord(evaluation("taken"), "default"));
        holdWriter();
        writer.write(evaluation("a"), "default");
        writer.write(evaluation("taken"), "default");
        writer.write(evaluation("b"), "default");
        gate.countDown();
        assertTrue(writer.awaitWritten(Duration.ofSeconds(10)));
        assertTrue(repository.findById("a").isPresent());
        assertTrue(repository.findById("b").isPresent());
        assertEquals(List.of("gate", "a", "taken", "b"), announced, "every answered decision is announced, in order");
        assertEquals(0, writer.backlog());
    }

    @Test
    void storedEvaluationsAreAnnouncedInOrderWithTheWrittenOnes() throws Exception {
        holdWriter();
        writer.write(evaluation("w1"), "default");
        repository.insert(GateJson.toRecord(evaluation("s1"), "default"));
        writer.announce(evaluation("s1"));
        writer.write(evaluation("w2"), "default");
        gate.countDown();
        assertTrue(writer.awaitWritten(Duration.ofSeconds(10)));
        assertEquals(List.of("gate", "w1", "s1", "w2"), announced);
        assertTrue(repository.findById("w2").isPresent());
    }

    @Test
    void closingStoresWhatIsQueued() throws Exception {
        holdWriter();
        for (int i = 0; i < 30; i++) {
            writer.write(evaluation("q" + i), "default");
        }
        gate.countDown();
        writer.close(Duration.ofSeconds(10));
        for (int i = 0; i < 30; i++) {
            assertTrue(repository.findById("q" + i).isPresent(), "q" + i);
        }
        assertEquals(31, announced.size());
    }
}
