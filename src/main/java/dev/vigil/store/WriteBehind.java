package dev.vigil.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Write-behind: items wait in a bounded queue, and one thread at a time writes them in batches, each batch in one
 * transaction of the caller's {@link Batch}. A batch is held until its write commits: one that fails with a
 * {@link StoreException} is written again, before anything newer, on the next round; any other failure is logged and
 * the batch given up. The draining thread is either this class's own ({@link #start}) or the caller's ({@link #flush},
 * for a scheduled job); {@link #close} stops taking items and writes what is queued.
 *
 * @param <T> what is written
 */
public final class WriteBehind<T> {

    /** Writes one batch in one transaction; a {@link StoreException} keeps the batch to be written again. */
    @FunctionalInterface
    public interface Batch<T> {
        void write(List<T> items);
    }

    private static final Logger LOG = Logger.getLogger(WriteBehind.class);
    private static final long POLL_MILLIS = 100;

    private final String name;
    private final int maxBatch;
    private final BlockingQueue<T> queue;
    /** Held while counting and queueing, so queue order is count order and "done up to n" means all of 1..n. */
    private final Object enqueue = new Object();
    private final Object progress = new Object();
    private List<T> held = new ArrayList<>();
    private volatile long accepted;
    private long done;
    private volatile boolean closing;
    private volatile Thread thread;

    /**
     * @param name     what is written, for log lines and the thread's name
     * @param capacity items that may wait; {@link #put} then blocks and {@link #offer} refuses
     * @param maxBatch items written in one transaction at most
     */
    public WriteBehind(String name, int capacity, int maxBatch) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    /** Queues an item unless the queue is full (then false: the caller counts the loss). */
    public boolean offer(T item) {
        synchronized (enqueue) {
            if (closing || !queue.offer(item)) {
                return false;
            }
            accepted++;
            return true;
        }
    }

    /** Queues an item, waiting for room (back-pressure, not loss); an IllegalStateException once closed. */
    public void put(T item) {
        if (closing) {
            throw new IllegalStateException(name + " writer is closed");
        }
        try {
            synchronized (enqueue) {
                queue.put(item);
                accepted++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing to the " + name + " writer", e);
        }
    }

    /** Writes, on the caller's thread, what is queued now (and any held batch); stops at a failed write. */
    public void flush(Batch<T> writer) {
        while (writeNext(null, writer)) {
            // batch after batch until the queue is empty
        }
    }

    /** Starts the one daemon thread that writes batches as items come, until {@link #close}. */
    public synchronized void start(Batch<T> writer) {
        if (thread != null) {
            throw new IllegalStateException(name + " writer already started");
        }
        thread = new Thread(() -> run(writer), "vigil-" + name + "-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Batch<T> writer) {
        while (!closing || !queue.isEmpty()) {
            try {
                writeNext(queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS), writer);
            } catch (InterruptedException e) {
                if (!closing) {
                    LOG.warnf("%s writer interrupted; it goes on until closed", name);
                }
            }
        }
        synchronized (this) {
            if (!held.isEmpty()) {
                LOG.errorf("%s writer closed with %d not written", name, held.size());
            }
        }
    }

    /** Writes the held batch, or {@code first} and what queued behind it; false when nothing was written. */
    private synchronized boolean writeNext(T first, Batch<T> writer) {
        List<T> batch = held;
        held = new ArrayList<>();
        if (first != null) {
            batch.add(first);
        }
        queue.drainTo(batch, Math.max(0, maxBatch - batch.size()));
        if (batch.isEmpty()) {
            return false;
        }
        try {
            writer.write(batch);
        } catch (StoreException e) {
            held = batch;
            LOG.warnf("writing %d %s failed, will retry: %s", batch.size(), name, e.getCause());
            return false;
        } catch (RuntimeException e) {
            LOG.errorf(e, "writing %d %s failed; they are given up", batch.size(), name);
        }
        synchronized (progress) {
            done += batch.size();
            progress.notifyAll();
        }
        return true;
    }

    /**
     * Waits until every item accepted before this call is written (or given up).
     *
     * @return false if that did not happen within {@code timeout}
     */
    public boolean awaitWritten(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long target = accepted;
        synchronized (progress) {
            while (done < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    /**
     * Stops taking items and lets the writer thread write what is queued (waits up to {@code timeout}).
     *
     * @return false if the thread was still writing at the deadline
     */
    public boolean close(Duration timeout) {
        closing = true;
        Thread writer = thread;
        if (writer == null) {
            return true;
        }
        try {
            writer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !writer.isAlive();
    }
}
