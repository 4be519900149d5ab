package dev.vigil.ingest.service;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the metrics consumer waits to claim newly assigned partitions while the database does not answer. The claim
 * runs in the rebalance callback, on the consumer's polling thread, and must succeed before any record of those
 * partitions is counted: without it the consumer would read from Kafka's committed offset instead of the stored one,
 * and the registry (rightly) counts nothing of a partition it has not claimed, so the partition would stall until the
 * next rebalance. Waiting there loses nothing: Kafka's heartbeat thread keeps the member in its group meanwhile, and
 * if the outage outlasts {@code max.poll.interval.ms} the member is expelled, its partitions are claimed again by
 * whoever gets them, and the epoch fence keeps a late claim from storing anything.
 */
public class ClaimRetry {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final CountDownLatch stopping = new CountDownLatch(1);

    /**
     * Waits before attempt {@code failed + 1}: half a second, doubling up to five seconds. Returns false without
     * waiting once the application is stopping, so that shutdown is not held up by a database that is gone.
     */
    public boolean pauseAfter(int failed) throws InterruptedException {
        long pause = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(failed - 1, 10));
        return !stopping.await(pause, TimeUnit.MILLISECONDS);
    }

    /** From now on no attempt waits: the callback gives up at the next failure. */
    public void stop() {
        stopping.countDown();
    }
}
