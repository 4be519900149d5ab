package dev.vigil.ingest.service;

import dev.vigil.core.MetricSample;
import dev.vigil.core.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Counts samples per series in memory between flushes, so that the hot ingest path never waits for the
 * database. {@link #drain()} hands over everything seen since the last drain, exactly once, with the consumer
 * offsets those counts are complete up to: a batch of records ({@link #batch}) is drained whole or not at all, so
 * counts and offsets stored together always agree, and a consumer resuming from the stored offsets counts nothing
 * twice and loses nothing, whatever was killed when.
 */
public final class SeriesRegistry {

    private final ReadWriteLock swap = new ReentrantReadWriteLock();
    private ConcurrentHashMap<String, Accumulator> pending = new ConcurrentHashMap<>();
    private ConcurrentHashMap<String, ConsumedOffset> offsets = new ConcurrentHashMap<>();

    /**
     * Runs {@code work} (which records the samples of a batch of records) so that no drain splits it, then notes that
     * the counts are complete up to {@code consumed}.
     */
    public void batch(Runnable work, List<ConsumedOffset> consumed) {
        swap.readLock().lock();
        try {
            work.run();
            consumed.forEach(this::consumed);
        } finally {
            swap.readLock().unlock();
        }
    }

    private void consumed(ConsumedOffset offset) {
        offsets.merge(offset.topic() + "/" + offset.partition(), offset,
                (before, now) -> now.next() >= before.next() ? now : before);
    }

    /** {@code canonicalKey} is {@link MetricSample#canonicalKey()}; the hashed key is built once per series per drain. */
    public void record(String canonicalKey, MetricSample sample) {
        swap.readLock().lock();
        try {
            Accumulator accumulator = pending.get(canonicalKey);
            if (accumulator == null) {
                accumulator = pending.computeIfAbsent(canonicalKey, k -> new Accumulator(sample.seriesKey()));
            }
            accumulator.add(sample.timestamp(), sample.value());
        } finally {
            swap.readLock().unlock();
        }
    }

    public SeriesFlush drain() {
        ConcurrentHashMap<String, Accumulator> drained;
        ConcurrentHashMap<String, ConsumedOffset> drainedOffsets;
        swap.writeLock().lock();
        try {
            drained = pending;
            drainedOffsets = offsets;
            pending = new ConcurrentHashMap<>();
            offsets = new ConcurrentHashMap<>();
        } finally {
            swap.writeLock().unlock();
        }
        List<SeriesDelta> deltas = new ArrayList<>(drained.size());
        drained.values().forEach(a -> deltas.add(a.delta()));
        return new SeriesFlush(deltas, List.copyOf(drainedOffsets.values()));
    }

    /** Puts a drain back after a failed flush, so nothing is lost; it merges with whatever arrived meanwhile. */
    public void restore(SeriesFlush flush) {
        swap.readLock().lock();
        try {
            for (SeriesDelta d : flush.deltas()) {
                pending.computeIfAbsent(d.key().canonical(), k -> new Accumulator(d.key())).merge(d);
            }
            flush.offsets().forEach(this::consumed);
        } finally {
            swap.readLock().unlock();
        }
    }

    private static final class Accumulator {
        private final SeriesKey key;
        private Instant first;
        private Instant last;
        private long count;
        private double lastValue;

        Accumulator(SeriesKey key) {
            this.key = key;
        }

        synchronized void add(Instant at, double value) {
            if (first == null || at.isBefore(first)) {
                first = at;
            }
            if (last == null || !at.isBefore(last)) {
                last = at;
                lastValue = value;
            }
            count++;
        }

        synchronized void merge(SeriesDelta d) {
            add(d.lastSeen(), d.lastValue());
            count += d.count() - 1;
            if (d.firstSeen().isBefore(first)) {
                first = d.firstSeen();
            }
        }

        synchronized SeriesDelta delta() {
            return new SeriesDelta(key, first, last, count, lastValue);
        }
    }
}
