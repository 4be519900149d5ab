package dev.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.core.DeployEvent;
import dev.vigil.core.DeployStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeployLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static DeployEvent event(DeployStatus status, Instant time, Instant startedAt, Instant finishedAt,
                                     String commit) {
        return new DeployEvent(null, "checkout", "prod", "1.2.3", commit, null, null, status, startedAt, finishedAt,
                time, "vigil");
    }

    private static DeployRecord apply(DeployEvent... events) {
        DeployRecord d = DeployLifecycle.fresh("id-1", events[0]);
        for (int i = 1; i < events.length; i++) {
            d = DeployLifecycle.merge(d, events[i]);
        }
        return d;
    }

    @Test
    void aFreshDeployIsItsFirstEvent() {
        DeployRecord d = apply(event(DeployStatus.STARTED, T0, T0, null, "abc"));
        assertEquals("id-1", d.id());
        assertEquals(DeployStatus.STARTED, d.status());
        assertEquals(T0, d.startedAt());
        assertEquals(T0, d.updatedAt());
        assertEquals("abc", d.commit());
        assertEquals("vigil", d.format());
    }

    @Test
    void credentialsInARepositoryUrlAreNeverKept() {
        DeployEvent withSecret = new DeployEvent(null, "checkout", "prod", "1.2.3", "abc", null,
                "https://bot:s3cret@git.example.org/shop.git", DeployStatus.STARTED, T0, null, T0, "vigil");
        DeployRecord fresh = DeployLifecycle.fresh("id-1", withSecret);
        assertEquals("https://***@git.example.org/shop.git", fresh.repository());
        DeployRecord merged = DeployLifecycle.merge(DeployLifecycle.fresh("id-1",
                event(DeployStatus.STARTED, T0, T0, null, "abc")), withSecret);
        assertEquals("https://***@git.example.org/shop.git", merged.repository());
    }

    @Test
    void aFinishedStatusReplacesStarted() {
        Instant end = T0.plusSeconds(60);
        DeployRecord d = apply(event(DeployStatus.STARTED, T0, T0, null, "abc"),
                event(DeployStatus.SUCCEEDED, end, null, end, null));
        assertEquals(DeployStatus.SUCCEEDED, d.status());
        assertEquals(T0, d.startedAt());
        assertEquals(end, d.finishedAt());
        assertEquals(end, d.updatedAt());
        assertEquals("abc", d.commit(), "an event without a commit keeps the known one");
    }

    @Test
    void startedArrivingLateNeverReplacesAFinishedStatus() {
        Instant end = T0.plusSeconds(60);
        DeployRecord d = apply(event(DeployStatus.SUCCEEDED, end, null, end, null),
                event(DeployStatus.STARTED, T0, T0, null, "abc"));
        assertEquals(DeployStatus.SUCCEEDED, d.status());
        assertEquals(T0, d.startedAt(), "the late start still tells when the deploy began");
        assertEquals(end, d.finishedAt());
        assertEquals(end, d.updatedAt(), "the last update stays the latest event time");
        assertEquals("abc", d.commit());
    }

    @Test
    void betweenTwoFinishedStatusesTheLaterWins() {
        Instant failed = T0.plusSeconds(60);
        Instant rolledBack = T0.plusSeconds(120);
        DeployRecord inOrder = apply(event(DeployStatus.FAILED, failed, null, failed, null),
                event(DeployStatus.ROLLED_BACK, rolledBack, null, rolledBack, null));
        DeployRecord outOfOrder = apply(event(DeployStatus.ROLLED_BACK, rolledBack, null, rolledBack, null),
                event(DeployStatus.FAILED, failed, null, failed, null));
        assertEquals(DeployStatus.ROLLED_BACK, inOrder.status());
        assertEquals(rolledBack, inOrder.finishedAt());
        assertEquals(DeployStatus.ROLLED_BACK, outOfOrder.status());
        assertEquals(rolledBack, outOfOrder.finishedAt());
        assertEquals(rolledBack, outOfOrder.updatedAt());
    }

    @Test
    void aFinishedEventTakesTheStatusWhenTheDeployHasNoFinishTime() {
        Instant t = T0.plusSeconds(30);
        DeployRecord d = apply(event(DeployStatus.FAILED, T0.plusSeconds(90), null, null, null),
                event(DeployStatus.SUCCEEDED, t, null, t, null));
        assertEquals(DeployStatus.SUCCEEDED, d.status());
        assertEquals(t, d.finishedAt());
    }

    @Test
    void theEarliestStartIsKept() {
        DeployRecord d = apply(event(DeployStatus.STARTED, T0.plusSeconds(10), T0.plusSeconds(10), null, null),
                event(DeployStatus.STARTED, T0, T0, null, null));
        assertEquals(T0, d.startedAt());
        assertEquals(T0.plusSeconds(10), d.updatedAt());
        assertEquals(T0, d.at(), "a deploy happened when it started");
    }
}
