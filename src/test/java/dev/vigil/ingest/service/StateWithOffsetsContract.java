package dev.vigil.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.MetricSample;
import dev.vigil.core.SeriesKey;
import dev.vigil.flow.RollupsWithOffsets;
import dev.vigil.gate.service.SampleRollups;
import dev.vigil.store.StoreException;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Vigil derives from a partition (series counts, the gate's sample rollups) is stored with the offsets it
 * reflects, and only by the partition's current owner: whoever resumes from the stored offsets, after a hand-over or
 * a {@code kill -9}, stores every record exactly once, and a former owner that slept through a rebalance stores
 * nothing. Each owner is the real flusher, registry, rollups and rebalance listener over one database; Kafka's
 * {@link MockConsumer} stands in for the broker. Subclasses supply an empty database.
 */
abstract class StateWithOffsetsContract {

    static final String TOPIC = "vigil.metrics";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    static final int SERIES = 5;

    SeriesRepository repository;
    DataSource dataSource;

    abstract DataSource freshDatabase();

    @BeforeEach
    void migrate() {
        dataSource = freshDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        repository = new SeriesRepository(dataSource);
    }

    /** One replica's metrics consumer: what {@code MetricPipeline} does with a sample, detection aside. */
    final class Owner {
        final SeriesRegistry registry = new SeriesRegistry();
        final SampleRollups rollups = new SampleRollups(Duration.ofMinutes(1), 100_000);
        final SeriesFlusher flusher = new SeriesFlusher(registry, repository, List.of(new RollupsWithOffsets(rollups)));
        final KafkaConsumerRebalanceListener listener;
        final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

        Owner() {
            this(new ClaimRetry());
        }

        /** An owner whose waits between failed claims are {@code retry}'s. */
        Owner(ClaimRetry retry) {
            listener = new ConsumerAssignments(repository, flusher, registry, retry).metricsListener();
        }

        /** The group gives this owner the partition: it claims it and resumes where the stored state ends. */
        Owner assigned() {
            consumer.assign(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L));
            listener.onPartitionsAssigned(consumer, List.of(P0));
            return this;
        }

        /** Polls the next {@code n} records of the log, from the consumer's position, and ingests them. */
        void consume(long n) {
            long from = consumer.position(P0);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (long o = from; o < from + n; o++) {
                records.add(new ConsumerRecord<>(TOPIC, 0, o, new byte[0], new byte[0]));
            }
            registry.batch(new ConsumerRecords<>(Map.of(P0, records), Map.of()), batch -> batch.forEach(r -> {
                MetricSample sample = sample(r.offset());
                String canonical = sample.canonicalKey();
                rollups.add(canonical, sample);
                registry.record(canonical, sample);
            }));
            consumer.seek(P0, from + n);
        }

        void revoked() {
            listener.onPartitionsRevoked(consumer, List.of(P0));
        }
    }

    /** The record at {@code offset}: series {@code offset % SERIES}, one a second (twelve per series per minute). */
    static MetricSample sample(long offset) {
        return new MetricSample("checkout", "latency", Map.of("pod", "p" + offset % SERIES), T0.plusSeconds(offset),
                offset);
    }

    /** What the database holds for the partition: its resume offset, the series counts and the rollups' samples. */
    record Stored(Long offset, Map<String, Long> counted, Map<String, Long> rolledUp) {

        long total(Map<String, Long> perSeries) {
            return perSeries.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    Stored stored() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Long offset = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT next_offset FROM consumer_offsets WHERE topic = ? AND partition_id = 0")) {
                ps.setString(1, TOPIC);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        offset = rs.getLong(1);
                        offset = rs.wasNull() ? null : offset;
                    }
                }
            }
            return new Stored(offset, perSeries(c, "SELECT id, sample_count FROM series"),
                    perSeries(c, "SELECT series_id, SUM(sample_count) FROM metric_rollups GROUP BY series_id"));
        }
    }

    private static Map<String, Long> perSeries(Connection c, String sql) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1).trim(), rs.getLong(2));
            }
        }
        return out;
    }

    /** Records {@code [0, records)} of the partition, per series id. */
    static Map<String, Long> expected(long records) {
        Map<String, Long> out = new HashMap<>();
        for (long o = 0; o < records; o++) {
            MetricSample s = sample(o);
            out.merge(SeriesKey.of(s.service(), s.name(), s.labels()).id(), 1L, Long::sum);
        }
        return out;
    }

    @Test
    void ownersReplayingFromTheStoredOffsetsAfterKillsStoreEveryRecordInCountsAndRollupsExactlyOnce() throws Exception {
        long records = 3_000;
        Random random = new Random(14);
        Owner owner = new Owner().assigned();
        int kills = 0;
        while (owner.consumer.position(P0) < records) {
            owner.consume(Math.min(1 + random.nextInt(80), records - owner.consumer.position(P0)));
            switch (random.nextInt(5)) {
                case 0, 1 -> owner.flusher.flush();
                case 2 -> { // kill -9: what was not flushed is gone; a new owner resumes from the stored offset
                    owner = new Owner().assigned();
                    kills++;
                }
                default -> { // the next batch comes before the next flush
                }
            }
        }
        owner.flusher.flush();
        assertTrue(kills > 10, "the seed kills the owner often: " + kills);
        Stored stored = stored();
        assertEquals(records, stored.offset());
        assertEquals(expected(records), stored.counted(), "series counts: each record once");
        assertEquals(expected(records), stored.rolledUp(), "rollup sample counts: each record once");
    }

    @Test
    void aRevokedPartitionsRollupsAreStoredWithItsOffsetsAndForgottenAndItsNextOwnerGoesOnFromThere() throws Exception {
        Owner first = new Owner().assigned();
        first.consume(25);
        first.revoked();
        assertEquals(0, first.rollups.size(), "nothing of the partition held after the hand-over");
        Stored handedOver = stored();
        assertEquals(25, handedOver.offset());
        assertEquals(expected(25), handedOver.rolledUp());
        assertEquals(expected(25), handedOver.counted());

        Owner second = new Owner().assigned();
        assertEquals(25, second.consumer.position(P0));
        second.consume(35);
        second.flusher.flush();
        assertEquals(expected(60), stored().rolledUp());
        assertEquals(expected(60), stored().counted());
    }

    @Test
    void aFormerOwnerThatSleptThroughARebalanceStoresNothingAndTheNewOwnersStateStands() throws Exception {
        Owner first = new Owner().assigned();
        first.consume(40);
        first.flusher.flush();
        first.consume(30); // counted and rolled up in memory; then it freezes past its session timeout

        Owner second = new Owner().assigned(); // the partition moved without a hand-over from the first
        assertEquals(40, second.consumer.position(P0), "the new owner resumes where the stored state ends");
        second.consume(60);
        second.flusher.flush();
        Stored byTheNewOwner = stored();
        assertEquals(100, byTheNewOwner.offset());
        assertEquals(expected(100), byTheNewOwner.rolledUp());

        first.flusher.flush(); // it wakes up and flushes records 40..69 under its old claim
        assertEquals(byTheNewOwner, stored(), "the stale flush is refused whole: offset, counts and rollups unchanged");
        assertEquals(0, first.rollups.size(), "it dropped the rollups it held");
        assertTrue(first.registry.drain().isEmpty(), "and the counts and offsets");
        first.consume(10); // a batch polled before its consumer learns it left the group
        first.flusher.flush();
        assertEquals(byTheNewOwner, stored(), "it counts nothing more of the partition until it is assigned again");

        second.consume(20);
        second.flusher.flush();
        assertEquals(120, stored().offset(), "the new owner goes on storing");
        assertEquals(expected(120), stored().rolledUp());
        assertEquals(expected(120), stored().counted());
    }

    @Test
    void anOwnerAssignedWhileTheDatabaseIsDownWaitsForItAndResumesFromTheStoredOffsetNotKafkasPosition()
            throws Exception {
        Owner first = new Owner().assigned();
        first.consume(40);
        first.flusher.flush();
        first.consume(30); // then it dies with these in memory: Kafka's position (70) is ahead of the stored one (40)

        execute("ALTER TABLE consumer_offsets RENAME TO consumer_offsets_offline"); // the claim cannot be made
        List<Integer> pauses = new ArrayList<>();
        ClaimRetry databaseBackAfterThreeAttempts = new ClaimRetry() {
            @Override
            public boolean pauseAfter(int failed) {
                pauses.add(failed);
                if (failed == 3) {
                    execute("ALTER TABLE consumer_offsets_offline RENAME TO consumer_offsets");
                }
                return true;
            }
        };
        Owner second = new Owner(databaseBackAfterThreeAttempts);
        second.consumer.assign(List.of(P0));
        second.consumer.seek(P0, 70);
        second.listener.onPartitionsAssigned(second.consumer, List.of(P0));

        assertEquals(List.of(1, 2, 3), pauses, "it waited after each failed claim until the database answered");
        assertEquals(40, second.consumer.position(P0), "and resumed where the stored state ends");
        second.consume(60);
        second.flusher.flush();
        assertEquals(100, stored().offset());
        assertEquals(expected(100), stored().counted(), "records 40..69 counted once, by the new owner");
        assertEquals(expected(100), stored().rolledUp());
    }

    @Test
    void aClaimThatCannotBeMadeWhileTheApplicationStopsGivesUpAtOnce() {
        execute("ALTER TABLE consumer_offsets RENAME TO consumer_offsets_offline");
        ClaimRetry stopping = new ClaimRetry();
        stopping.stop();
        Owner owner = new Owner(stopping);
        owner.consumer.assign(List.of(P0));
        assertThrows(StoreException.class, () -> owner.listener.onPartitionsAssigned(owner.consumer, List.of(P0)));
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
