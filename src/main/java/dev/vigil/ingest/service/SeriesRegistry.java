package dev.vigil.ingest.service;

import dev.vigil.core.MetricSample;
import dev.vigil.core.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts samples per series in memory between flushes, so that the hot ingest path never waits for the
 * database. {@link #drain()} hands over everything seen since the last drain, exactly once, with the consumer
 * offsets those counts are complete up to: a batch of records ({@link #batch}) is drained whole or not at all, so
 * counts and offsets stored together always agree, and a consumer resuming from the stored offsets counts nothing
 * twice and loses nothing, whatever was killed when.
 *
 * <p>It also knows which partitions this process owns and the offset up to which each is counted: a batch counts
 * only records of partitions owned now and not counted yet ({@link #batch(ConsumerRecords, Consumer)}), so a batch
 * polled before a rebalance and handed over after it, or records polled again after the seek that follows an
 * assignment, are not counted twice.
 */
public final class SeriesRegistry {

    private final ReadWriteLock swap = new ReentrantReadWriteLock();
    private ConcurrentHashMap<String, Accumulator> pending = new ConcurrentHashMap<>();
    private ConcurrentHashMap<String, ConsumedOffset> offsets = new ConcurrentHashMap<>();
    /**
     * Per owned partition, the offset of the next record to count and the epoch it was claimed with; a partition not
     * here is not owned.
     */
    private final ConcurrentHashMap<String, ConsumedOffset> owned = new ConcurrentHashMap<>();

    /**
     * Runs {@code work} on the records of {@code polled} that belong to partitions owned now and are not counted yet,
     * so that no drain splits it, then notes the offsets they reach. Nothing runs when no record is left.
     */
    public void batch(ConsumerRecords<byte[], byte[]> polled, Consumer<ConsumerRecords<byte[], byte[]>> work) {
        swap.readLock().lock();
        try {
            ConsumerRecords<byte[], byte[]> fresh = uncounted(polled);
            if (fresh.isEmpty()) {
                return;
            }
            work.accept(fresh);
            for (TopicPartition partition : fresh.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> records = fresh.records(partition);
                String key = key(partition.topic(), partition.partition());
                ConsumedOffset claimed = owned.get(key);
                ConsumedOffset reached = new ConsumedOffset(partition.topic(), partition.partition(),
                        records.get(records.size() - 1).offset() + 1, claimed == null ? 0 : claimed.epoch());
                owned.put(key, reached);
                consumed(reached);
            }
        } finally {
            swap.readLock().unlock();
        }
    }

    private ConsumerRecords<byte[], byte[]> uncounted(ConsumerRecords<byte[], byte[]> polled) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> kept = new HashMap<>();
        boolean all = true;
        for (TopicPartition partition : polled.partitions()) {
            ConsumedOffset position = owned.get(key(partition.topic(), partition.partition()));
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(partition);
            if (position == null) {
                all = false;
                continue;
            }
            long next = position.next();
            int from = 0;
            while (from < records.size() && records.get(from).offset() < next) {
                from++;
            }
            all &= from == 0;
            if (from < records.size()) {
                kept.put(partition, from == 0 ? records : records.subList(from, records.size()));
            }
        }
        return all ? polled : new ConsumerRecords<>(kept, Map.of());
    }

    /**
     * The partitions were assigned, each to be read from {@code from.next()} on (where the consumer was positioned),
     * and claimed with {@code from.epoch()}: the offsets drained for it carry that epoch.
     */
    public void assigned(Collection<ConsumedOffset> from) {
        swap.writeLock().lock();
        try {
            from.forEach(o -> owned.put(key(o.topic(), o.partition()), o));
        } finally {
            swap.writeLock().unlock();
        }
    }

    /**
     * The partitions are being taken away: from now on their records are not counted, and the counts held so far
     * are drained with the offsets they reach and with {@code state}'s capture (if any), to be stored before the
     * hand-over.
     */
    public SeriesFlush handOver(Collection<TopicPartition> partitions, DerivedState state) {
        swap.writeLock().lock();
        try {
            partitions.forEach(p -> owned.remove(key(p.topic(), p.partition())));
            return drainLocked(state);
        } finally {
            swap.writeLock().unlock();
        }
    }

    /**
     * After a hand-over or a loss of partitions: when no partition is owned any more, forgets every count not yet
     * stored (whoever owns the partitions next resumes from the stored offsets and counts those records again) and
     * {@code state}'s memory (if any). The metrics consumer uses the eager rebalance protocol, which takes every partition
     * away before a new assignment, so this is the normal case.
     */
    public void forgetUnowned(Collection<TopicPartition> partitions, DerivedState state) {
        swap.writeLock().lock();
        try {
            partitions.forEach(p -> owned.remove(key(p.topic(), p.partition())));
            if (owned.isEmpty()) {
                forgetHeldLocked(state);
            }
        } finally {
            swap.writeLock().unlock();
        }
    }

    /**
     * A flush was refused: another owner claimed a partition this process held (it was expelled from the group, and
     * with the eager rebalance protocol every partition it held has moved, or is moving, to a member of the new
     * generation). Forgets every count, offset and position held, and {@code state}'s memory: nothing more is
     * counted until the consumer is assigned partitions again ({@link #assigned}).
     */
    public void fenced(DerivedState state) {
        swap.writeLock().lock();
        try {
            owned.clear();
            forgetHeldLocked(state);
        } finally {
            swap.writeLock().unlock();
        }
    }

    /** Under the write lock: drops every count and offset not stored yet, and {@code state}'s memory (if any). */
    private void forgetHeldLocked(DerivedState state) {
        pending = new ConcurrentHashMap<>();
        offsets = new ConcurrentHashMap<>();
        if (state != null) {
            state.discard();
        }
    }

    private static String key(String topic, int partition) {
        return topic + "/" + partition;
    }

    private void consumed(ConsumedOffset offset) {
        offsets.merge(key(offset.topic(), offset.partition()), offset, (before, now) -> now.epoch() != before.epoch()
                ? (now.epoch() > before.epoch() ? now : before)
                : (now.next() >= before.next() ? now : before));
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
        return drain(null);
    }

    /** Drains the counts and offsets and, while no batch runs, captures {@code state} (if any) to store with them. */
    public SeriesFlush drain(DerivedState state) {
        swap.writeLock().lock();
        try {
            return drainLocked(state);
        } finally {
            swap.writeLock().unlock();
        }
    }

    private SeriesFlush drainLocked(DerivedState state) {
        ConcurrentHashMap<String, Accumulator> drained = pending;
        ConcurrentHashMap<String, ConsumedOffset> drainedOffsets = offsets;
        pending = new ConcurrentHashMap<>();
        offsets = new ConcurrentHashMap<>();
        DerivedState.Capture capture = state == null ? DerivedState.NOTHING : state.capture();
        List<SeriesDelta> deltas = new ArrayList<>(drained.size());
        drained.values().forEach(a -> deltas.add(a.delta()));
        return new SeriesFlush(deltas, List.copyOf(drainedOffsets.values()), capture);
    }

    /** Puts a drain back after a failed flush, so nothing is lost; it merges with whatever arrived meanwhile. */
    public void restore(SeriesFlush flush) {
        flush.derived().failed();
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
