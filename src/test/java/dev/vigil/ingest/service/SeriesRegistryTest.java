package dev.vigil.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.MetricSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SeriesRegistryTest {

    private static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");

    @Test
    void countsPerSeriesAndKeepsTheNewestValueEvenWhenSamplesArriveOutOfOrder() {
        SeriesRegistry registry = new SeriesRegistry();
        record(registry, new MetricSample("s", "m", Map.of(), T0.plusSeconds(10), 2));
        record(registry, new MetricSample("s", "m", Map.of(), T0, 1));
        record(registry, new MetricSample("s", "other", Map.of(), T0, 7));
        List<SeriesDelta> deltas = registry.drain().deltas();
        SeriesDelta m = deltas.stream().filter(d -> d.key().name().equals("m")).findFirst().orElseThrow();
        assertEquals(2, m.count());
        assertEquals(T0, m.firstSeen());
        assertEquals(T0.plusSeconds(10), m.lastSeen());
        assertEquals(2.0, m.lastValue());
        assertEquals(2, deltas.size());
        assertEquals(List.of(), registry.drain().deltas(), "a drain hands over each sample once");
    }

    @Test
    void restoredDeltasMergeWithNewSamples() {
        SeriesRegistry registry = new SeriesRegistry();
        record(registry, new MetricSample("s", "m", Map.of(), T0, 1));
        SeriesFlush failedFlush = registry.drain();
        record(registry, new MetricSample("s", "m", Map.of(), T0.plusSeconds(5), 3));
        registry.restore(failedFlush);
        SeriesDelta merged = registry.drain().deltas().get(0);
        assertEquals(2, merged.count());
        assertEquals(T0, merged.firstSeen());
        assertEquals(3.0, merged.lastValue());
    }

    @Test
    void losesNoSampleWhenDrainingWhileWritersRun() throws Exception {
        SeriesRegistry registry = new SeriesRegistry();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        int perWriter = 50_000;
        for (int w = 0; w < 2; w++) {
            int writer = w;
            writers.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    record(registry, new MetricSample("s", "m" + (i % 10), Map.of("w", "" + writer), T0.plusMillis(i), i));
                }
            });
        }
        long counted = 0;
        writers.shutdown();
        while (!writers.awaitTermination(1, TimeUnit.MILLISECONDS)) {
            counted += registry.drain().deltas().stream().mapToLong(SeriesDelta::count).sum();
        }
        counted += registry.drain().deltas().stream().mapToLong(SeriesDelta::count).sum();
        assertEquals(2L * perWriter, counted);
    }

    @Test
    void aDrainHandsOverWholeBatchesWithTheOffsetsTheyReach() throws Exception {
        SeriesRegistry registry = new SeriesRegistry();
        registry.assigned(List.of(new ConsumedOffset("t", 0, 0)));
        int batches = 2_000;
        int perBatch = 50;
        Thread consumer = new Thread(() -> {
            for (int b = 0; b < batches; b++) {
                registry.batch(polled(records(0, (long) b * perBatch, (long) (b + 1) * perBatch)), r -> r.forEach(x ->
                        record(registry, new MetricSample("s", "m" + (x.offset() % 7), Map.of(), T0.plusMillis(x.offset()),
                                x.offset()))));
            }
        });
        consumer.start();
        long[] stored = {0, 0}; // samples counted, furthest offset
        while (consumer.isAlive()) {
            storeOneDrain(registry, stored);
        }
        consumer.join();
        storeOneDrain(registry, stored);
        assertEquals((long) batches * perBatch, stored[0]);
    }

    /** What a flush stores; the counts stored so far must be exactly the records before the stored offset. */
    private static void storeOneDrain(SeriesRegistry registry, long[] stored) {
        SeriesFlush flush = registry.drain();
        stored[0] += flush.deltas().stream().mapToLong(SeriesDelta::count).sum();
        for (ConsumedOffset o : flush.offsets()) {
            stored[1] = Math.max(stored[1], o.next());
        }
        assertEquals(stored[1], stored[0], "counts and offsets drained together agree");
    }

    @Test
    void aRestoredDrainKeepsTheFurthestOffsetOfEachPartition() {
        SeriesRegistry registry = new SeriesRegistry();
        registry.assigned(List.of(new ConsumedOffset("t", 0, 0), new ConsumedOffset("t", 1, 0)));
        registry.batch(polled(records(0, 0, 10), records(1, 0, 4)), r -> { });
        SeriesFlush failed = registry.drain();
        registry.batch(polled(records(0, 10, 12)), r -> { });
        registry.restore(failed);
        List<ConsumedOffset> offsets = registry.drain().offsets().stream()
                .sorted(java.util.Comparator.comparingInt(ConsumedOffset::partition)).toList();
        assertEquals(List.of(new ConsumedOffset("t", 0, 12), new ConsumedOffset("t", 1, 4)), offsets);
    }

    @Test
    void aBatchCountsOnlyRecordsOfOwnedPartitionsThatAreNotCountedYet() {
        SeriesRegistry registry = new SeriesRegistry();
        registry.assigned(List.of(new ConsumedOffset("t", 0, 5)));
        List<Long> seen = new ArrayList<>();
        registry.batch(polled(records(0, 3, 8), records(1, 0, 2)), r -> r.forEach(x -> seen.add(x.offset())));
        assertEquals(List.of(5L, 6L, 7L), seen, "partition 1 is not owned; offsets 3 and 4 are counted already");
        seen.clear();
        // The same records polled again after a seek (a rebalance handed this partition back): only the new ones count.
        registry.batch(polled(records(0, 5, 10)), r -> r.forEach(x -> seen.add(x.offset())));
        assertEquals(List.of(8L, 9L), seen);
        assertEquals(List.of(new ConsumedOffset("t", 0, 10)), registry.drain().offsets());
    }

    @Test
    void aHandOverHandsTheCountsAndOffsetsOverAndStopsCounting() {
        SeriesRegistry registry = new SeriesRegistry();
        registry.assigned(List.of(new ConsumedOffset("t", 0, 0)));
        registry.batch(polled(records(0, 0, 3)), r -> r.forEach(x -> record(registry,
                new MetricSample("s", "m", Map.of(), T0.plusSeconds(x.offset()), 1))));
        TopicPartition partition = new TopicPartition("t", 0);
        SeriesFlush handed = registry.handOver(List.of(partition), null);
        assertEquals(3, handed.deltas().get(0).count());
        assertEquals(List.of(new ConsumedOffset("t", 0, 3)), handed.offsets());
        List<Long> seen = new ArrayList<>();
        registry.batch(polled(records(0, 3, 5)), r -> r.forEach(x -> seen.add(x.offset())));
        assertEquals(List.of(), seen, "a batch polled before the revocation and processed after it counts nothing");
        registry.batch(polled(records(0, 3, 5)), r -> r.forEach(x -> record(registry,
                new MetricSample("s", "m", Map.of(), T0.plusSeconds(x.offset()), 1))));
        registry.forgetUnowned(List.of(partition), null);
        assertTrue(registry.drain().isEmpty(), "nothing held for a partition no longer owned");
    }

    @SafeVarargs
    private static ConsumerRecords<byte[], byte[]> polled(List<ConsumerRecord<byte[], byte[]>>... partitions) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
        for (List<ConsumerRecord<byte[], byte[]>> records : partitions) {
            ConsumerRecord<byte[], byte[]> first = records.get(0);
            byPartition.put(new TopicPartition(first.topic(), first.partition()), records);
        }
        return new ConsumerRecords<>(byPartition, Map.of());
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(int partition, long from, long to) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (long o = from; o < to; o++) {
            out.add(new ConsumerRecord<>("t", partition, o, new byte[0], new byte[0]));
        }
        return out;
    }

    private static void record(SeriesRegistry registry, MetricSample sample) {
        registry.record(sample.canonicalKey(), sample);
    }
}
