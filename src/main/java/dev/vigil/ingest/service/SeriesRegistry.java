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
 * database. {@link #drain()} hands over everything seen since the last drain, exactly once.
 */
public final class SeriesRegistry {

    private final ReadWriteLock swap = new ReentrantReadWriteLock();
    private ConcurrentHashMap<String, Accumulator> pending = new ConcurrentHashMap<>();

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

    public List<SeriesDelta> drain() {
        ConcurrentHashMap<String, Accumulator> drained;
        swap.writeLock().lock();
        try {
            drained = pending;
            pending = new ConcurrentHashMap<>();
        } finally {
            swap.writeLock().unlock();
        }
        List<SeriesDelta> deltas = new ArrayList<>(drained.size());
        drained.values().forEach(a -> deltas.add(a.delta()));
        return deltas;
    }

    /** Puts deltas back after a failed flush, so nothing is lost; they merge with whatever arrived meanwhile. */
    public void restore(List<SeriesDelta> deltas) {
        swap.readLock().lock();
        try {
            for (SeriesDelta d : deltas) {
                pending.computeIfAbsent(d.key().canonical(), k -> new Accumulator(d.key())).merge(d);
            }
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
