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

    public MetricsConsumer(RecordBatchProcessor processor, MetricParser parser, MetricSink pipeline) {
        this.processor = processor;
        this.parser = parser;
        this.pipeline = pipeline;
    }

    @Incoming("metrics-in")
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<byte[], byte[]> records) {
        processor.process("metric", records, parser::parse, pipeline::accept);
    }
}
