package dev.vigil.gate.service;

import dev.vigil.core.MetricSample;
import dev.vigil.core.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rolls every ingested sample into its series' interval of {@code resolution} (count, sum, min, max, last) in
 * memory, until the series flush takes them all ({@link #takeAll}) and stores them in its transaction, with the
 * consumer offsets they reflect: the ingest path never waits for the database. At most {@code maxOpen} intervals are
 * held; a sample that would open one more is dropped and counted ({@link #dropped()}). Rollups taken out and then
 * not stored are put back ({@link #putBack}); those of partitions taken away are forgotten ({@link #clear}).
 */
public final class SampleRollups {

    private record Key(String canonical, long bucket) {
    }

    private final long resolutionMillis;
    private final int maxOpen;
    private volatile Map<Key, MetricRollup> open = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    public SampleRollups(Duration resolution, int maxOpen) {
        if (resolution == null || resolution.toMillis() < 1000) {
            throw new IllegalArgumentException("vigil.gate.rollups.resolution must be at least 1s, got " + resolution);
        }
        if (maxOpen < 1) {
            throw new IllegalArgumentException("vigil.gate.rollups.max-open must be at least 1, got " + maxOpen);
        }
        this.resolutionMillis = resolution.toMillis();
        this.maxOpen = maxOpen;
    }

    /** Adds one sample; {@code canonical} is its series key, which the ingest path has at hand already. */
    public void add(String canonical, MetricSample s) {
        long millis = s.timestamp().toEpochMilli();
        long bucket = Math.floorDiv(millis, resolutionMillis) * resolutionMillis;
        Key key = new Key(canonical, bucket);
        Map<Key, MetricRollup> open = this.open;
        if (!open.containsKey(key) && open.size() >= maxOpen) {
            dropped.incrementAndGet();
            return;
        }
        // Atomic per key against other adds and putBack(); the labels are copied once per interval, not once per sample.
        open.compute(key, (k, held) -> held == null
                ? MetricRollup.of(s.service(), s.name(), s.labels(), Instant.ofEpochMilli(bucket), s.timestamp(), s.value())
                : held.plus(s.timestamp(), s.value()));
    }

    /**
     * Takes out every open rollup, to be stored. The caller sees to it that no sample is added meanwhile (the series
     * flush takes them while no batch of records runs), so that they are exactly those of the records counted.
     */
    public List<MetricRollup> takeAll() {
        Map<Key, MetricRollup> taken = open;
        open = new ConcurrentHashMap<>();
        return new ArrayList<>(taken.values());
    }

    /** Forgets every open rollup (their partitions were taken away; their next owner rolls those samples up again). */
    public void clear() {
        open = new ConcurrentHashMap<>();
    }

    /** Puts back rollups that could not be stored, merged with whatever arrived meanwhile. */
    public void putBack(List<MetricRollup> rollups) {
        Map<Key, MetricRollup> open = this.open;
        for (MetricRollup r : rollups) {
            String canonical = SeriesKey.of(r.service(), r.metric(), r.labels()).canonical();
            open.merge(new Key(canonical, r.bucket().toEpochMilli()), r, MetricRollup::merge);
        }
    }

    /** Open rollups held now. */
    public int size() {
        return open.size();
    }

    /** Samples dropped because {@code maxOpen} rollups were already held. */
    public long dropped() {
        return dropped.get();
    }
}
