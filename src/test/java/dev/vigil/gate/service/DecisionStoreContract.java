package dev.vigil.gate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import dev.vigil.store.StoreException;
import dev.vigil.gate.GateOverride;
import dev.vigil.gate.Verdict;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every supported database must do the same way for gate decisions. Subclasses supply an empty database. */
abstract class DecisionStoreContract {

    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    DecisionRepository decisions;

    abstract DataSource freshDatabase();

    @BeforeEach
    void migrate() {
        DataSource ds = freshDatabase();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        decisions = new DecisionRepository(ds);
    }

    static DecisionRecord done(String id, String requestId, String service, String env, String verdict, Instant at) {
        return new DecisionRecord(id, requestId, service, env, "1.0", "c0ffee", "DONE", verdict, 87.5, "because",
                "default", "sha256:0123456789abcdef", "[{\"name\":\"x\"}]", "{\"service\":\"" + service + "\"}",
                "http://vigil/api/v1/gates/evaluations/" + id, at, at.plusSeconds(1), null, null, null, "ci-token",
                "{\"risk\":0.42,\"minRisk\":0.3,\"band\":\"high-risk\",\"dryRun\":true,\"summary\":\"s\"}", null);
    }

    static DecisionRecord pending(String id, Instant at) {
        return new DecisionRecord(id, null, "checkout", "prod", "1.0", "c0ffee", "PENDING", null, null, null,
                "production", null, "[]", "{}", "http://vigil/e/" + id, at, null, null, null, null, "ci-token", null, null);
    }

    @Test
    void aStoredDecisionIsFoundAgainWithEveryField() {
        DecisionRecord d = done("d1", "ci-1", "checkout", "prod", "PASS", T0);
        assertEquals(d, decisions.insert(d));
        assertEquals(d, decisions.findById("d1").orElseThrow());
        assertEquals(d, decisions.findByRequestId("ci-1").orElseThrow());
        assertTrue(decisions.findById("nope").isEmpty());
    }

    @Test
    void insertAllStoresEveryRowInOneTransactionOrNone() {
        decisions.insertAll(List.of(done("b1", null, "checkout", "prod", "PASS", T0),
                done("b2", null, "checkout", "prod", "FAIL", T0.plusSeconds(1))));
        assertEquals(done("b2", null, "checkout", "prod", "FAIL", T0.plusSeconds(1)), decisions.findById("b2").orElseThrow());
        assertTrue(decisions.findById("b1").isPresent());
        // a clash anywhere in the batch (b1 again) rolls the whole batch back
        assertThrows(StoreException.class, () -> decisions.insertAll(List.of(
                done("b3", null, "checkout", "prod", "PASS", T0), done("b1", null, "checkout", "prod", "PASS", T0))));
        assertTrue(decisions.findById("b3").isEmpty());
        decisions.insertAll(List.of());
    }

    @Test
    void theDecidedEvaluationsOfOneReleaseAreListedNewestFirstWithoutPendingOnesOrOtherReleases() {
        decisions.insertAll(List.of(done("r1", null, "checkout", "prod", "FAIL", T0),
                done("r2", null, "checkout", "prod", "PASS", T0.plusSeconds(60)),
                done("r3", null, "checkout", "staging", "PASS", T0.plusSeconds(30)),
                done("r4", null, "payments", "prod", "PASS", T0.plusSeconds(30)),
                pending("r5", T0.plusSeconds(90))));
        assertEquals(List.of("r2", "r1"), decisions.decidedForRelease("checkout", "prod", "1.0", 10).stream()
                .map(DecisionRecord::id).toList());
        assertEquals(List.of("r2"), decisions.decidedForRelease("checkout", "prod", "1.0", 1).stream()
                .map(DecisionRecord::id).toList());
        assertTrue(decisions.decidedForRelease("checkout", "prod", "2.0", 10).isEmpty());
    }

    @Test
    void aDryRunVerdictIsStoredBesideTheEnforcedOneWithThePolicyVersion() {
        DecisionRecord d = new DecisionRecord("d1", null, "checkout", "prod", "1.0", "c", "DONE", "PASS", null,
                "policy p is in dry run and enforces nothing; it would have answered FAIL", "p", "sha256:0123456789abcdef",
                "[]", "{}", "u", T0, T0, "FAIL", 0.0, "critical check failed: canary", null, null, null);
        decisions.insertAll(List.of(d));
        DecisionRecord stored = decisions.findById("d1").orElseThrow();
        assertEquals(d, stored);
        assertEquals("sha256:0123456789abcdef", stored.policyVersion());
        assertEquals("FAIL", stored.dryRunVerdict());
    }

    @Test
    void aNullScoreStaysNull() {
        DecisionRecord d = new DecisionRecord("d0", null, "checkout", "prod", "1.0", "c", "DONE", "PASS", null, "nothing scored",
                "default", "sha256:0", "[]", "{}", "u", T0, T0, null, null, null, null, null, null);
        decisions.insert(d);
        assertNull(decisions.findById("d0").orElseThrow().score());
    }

    @Test
    void aSecondInsertWithTheSameRequestIdReturnsTheFirstRow() {
        DecisionRecord first = done("d1", "ci-1", "checkout", "prod", "PASS", T0);
        decisions.insert(first);
        DecisionRecord again = decisions.insert(done("d2", "ci-1", "checkout", "prod", "FAIL", T0.plusSeconds(5)));
        assertEquals(first, again);
        assertTrue(decisions.findById("d2").isEmpty());
        // rows without a request id never collide
        decisions.insert(done("d3", null, "checkout", "prod", "PASS", T0));
        decisions.insert(done("d4", null, "checkout", "prod", "PASS", T0));
        assertEquals(3, decisions.find(new DecisionQuery(null, null, null, null, null, null), new PageRequest(10, 0)).total());
    }

    @Test
    void filtersAndPagingNewestFirst() {
        decisions.insert(done("a", null, "checkout", "prod", "PASS", T0));
        decisions.insert(done("b", null, "checkout", "prod", "FAIL", T0.plusSeconds(60)));
        decisions.insert(done("c", null, "checkout", "staging", "PASS", T0.plusSeconds(120)));
        decisions.insert(done("d", null, "cart", "prod", "PASS", T0.plusSeconds(180)));
        Page<DecisionRecord> page = decisions.find(new DecisionQuery("checkout", null, null, null, null, null), new PageRequest(2, 0));
        assertEquals(3, page.total());
        assertEquals(List.of("c", "b"), page.items().stream().map(DecisionRecord::id).toList());
        Page<DecisionRecord> next = decisions.find(new DecisionQuery("checkout", null, null, null, null, null), new PageRequest(2, 2));
        assertEquals(List.of("a"), next.items().stream().map(DecisionRecord::id).toList());
        assertEquals(List.of("b"), ids(new DecisionQuery(null, "prod", "FAIL", null, null, null)));
        assertEquals(List.of("c", "b"), ids(new DecisionQuery(null, null, null, "DONE", T0.plusSeconds(60), T0.plusSeconds(180))));
    }

    @Test
    void aPendingDecisionIsFinishedOnce() {
        decisions.insert(pending("p1", T0));
        decisions.insert(pending("p2", T0.plusSeconds(1)));
        assertEquals(List.of("p1", "p2"), decisions.pending(10).stream().map(DecisionRecord::id).toList());
        DecisionRecord finished = new DecisionRecord("p1", null, "checkout", "prod", "1.0", "c0ffee", "DONE", "INCONCLUSIVE",
                null, "not enough data", "production", "sha256:1", "[{\"name\":\"canary\"}]", "{}", "http://vigil/e/p1", T0,
                T0.plusSeconds(300), "FAIL", 12.5, "critical check failed: canary", "ci-token",
                "{\"risk\":null}", null);
        assertTrue(decisions.updatePending(finished));
        assertFalse(decisions.updatePending(finished), "a DONE decision is never changed again");
        assertEquals(finished, decisions.findById("p1").orElseThrow());
        assertEquals(List.of("p2"), decisions.pending(10).stream().map(DecisionRecord::id).toList());
        assertEquals(List.of("p2"), ids(new DecisionQuery(null, null, null, "PENDING", null, null)));
    }

    @Test
    void aFailIsOverriddenOnceAndFoundByItsRelease() {
        decisions.insert(done("f1", null, "checkout", "prod", "FAIL", T0));
        decisions.insert(done("p1", null, "checkout", "prod", "PASS", T0));
        decisions.insert(pending("w1", T0));
        assertTrue(decisions.findOverridden("checkout", "prod", "1.0", "c0ffee").isEmpty());
        GateOverride o = new GateOverride(Verdict.PASS, Verdict.FAIL, "hotfix for the outage", "alice", T0.plusSeconds(60));
        assertFalse(decisions.override("p1", new GateOverride(Verdict.PASS, Verdict.FAIL, "x", "alice", T0)),
                "a PASS is not the FAIL the override names");
        assertFalse(decisions.override("w1", o), "a PENDING decision has no verdict to override");
        assertTrue(decisions.override("f1", o));
        assertFalse(decisions.override("f1", new GateOverride(Verdict.WARN, Verdict.FAIL, "again", "bob", T0)),
                "once only");
        DecisionRecord stored = decisions.findById("f1").orElseThrow();
        assertEquals(o, stored.override());
        assertEquals("FAIL", stored.verdict(), "the gate's own verdict is kept");
        assertEquals("f1", decisions.findOverridden("checkout", "prod", "1.0", "c0ffee").orElseThrow().id());
        assertTrue(decisions.findOverridden("checkout", "prod", "1.0", "other").isEmpty());
    }

    private List<String> ids(DecisionQuery q) {
        return decisions.find(q, new PageRequest(10, 0)).items().stream().map(DecisionRecord::id).toList();
    }
}
