package dev.vigil.ingest.service;

import dev.vigil.ingest.MetricParser;
import dev.vigil.ingest.MetricSink;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code vigil.metrics} in batches and hands every valid sample to the {@link MetricSink}. */
@ApplicationScoped
public class MetricsConsumer {

    private final RecordBatchProcessor processor;
    private final MetricParser parser;
    private final MetricSink pipeline;
    private final SeriesRegistry registry;

    public MetricsConsumer(RecordBatchProcessor processor, MetricParser parser, MetricSink pipeline,
                           SeriesRegistry registry) {
        this.processor = processor;
        this.parser = parser;
        this.pipeline = pipeline;
        this.registry = registry;
    }

    /** One batch is counted whole, with the offsets it reaches: see {@link SeriesRegistry#batch}. */
    @Incoming("metrics-in")
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<byte[], byte[]> records) {
        registry.batch(() -> processor.process("metric", records, parser::parseDirect, parser::parse,
                pipeline::accept), reached(records));
    }

    static List<ConsumedOffset> reached(ConsumerRecords<?, ?> records) {
        List<ConsumedOffset> reached = new ArrayList<>(records.partitions().size());
        for (TopicPartition partition : records.partitions()) {
            List<? extends ConsumerRecord<?, ?>> batch = records.records(partition);
            if (!batch.isEmpty()) {
                long next = batch.get(batch.size() - 1).offset() + 1;
                reached.add(new ConsumedOffset(partition.topic(), partition.partition(), next));
            }
        }
        return reached;
    }
}
