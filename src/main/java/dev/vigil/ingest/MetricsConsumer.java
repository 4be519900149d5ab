package dev.vigil.ingest;

import dev.vigil.config.VigilConfig;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code vigil.metrics} in batches and hands every valid sample to the {@link MetricPipeline}. */
@ApplicationScoped
public class MetricsConsumer {

    private final RecordBatchProcessor processor;
    private final MetricParser parser;
    private final MetricPipeline pipeline;

    public MetricsConsumer(RecordBatchProcessor processor, VigilConfig config, MetricPipeline pipeline) {
        this.processor = processor;
        this.parser = new MetricParser(config.ingest().serviceLabels());
        this.pipeline = pipeline;
    }

    @Incoming("metrics-in")
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<byte[], byte[]> records) {
        processor.process("metric", records, parser::parse, pipeline::accept);
    }
}
