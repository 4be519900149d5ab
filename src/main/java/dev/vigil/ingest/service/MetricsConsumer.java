package dev.vigil.ingest.service;

import dev.vigil.ingest.MetricParser;
import dev.vigil.ingest.MetricSink;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code vigil.metrics} in batches and hands every valid sample to the {@link MetricSink}. */
@ApplicationScoped
public class MetricsConsumer {

    private final RecordBatchProcessor processor;
    private final MetricParser parser;
    private final MetricSink pipeline;
    private final SeriesRegistry registry;
    private final BatchProgress progress;

    public MetricsConsumer(RecordBatchProcessor processor, MetricParser parser, MetricSink pipeline,
                           SeriesRegistry registry, BatchProgress progress) {
        this.processor = processor;
        this.parser = parser;
        this.pipeline = pipeline;
        this.registry = registry;
        this.progress = progress;
    }

    /**
     * One batch is counted whole, with the offsets it reaches, and only its records of partitions owned now and not
     * counted yet: see {@link SeriesRegistry#batch(ConsumerRecords, java.util.function.Consumer)}. Timed from
     * before the registry's lock is asked for: a batch waiting for a flush is a slow batch too ({@link BatchProgress}).
     */
    @Incoming("metrics-in")
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<byte[], byte[]> records) {
        progress.run("metric", () -> registry.batch(records, owned -> processor.process("metric", owned,
                parser::parseDirect, parser::parse, pipeline::accept)));
    }
}
