package dev.vigil.ingest.service;

import dev.vigil.ingest.DeployParser;
import dev.vigil.ingest.DeploySink;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads {@code vigil.deploys} in batches and hands every valid event to the {@link DeploySink}. */
@ApplicationScoped
public class DeploysConsumer {

    private final RecordBatchProcessor processor;
    private final DeployParser parser;
    private final DeploySink pipeline;
    private final BatchProgress progress;

    public DeploysConsumer(RecordBatchProcessor processor, DeployParser parser, DeploySink pipeline,
                           BatchProgress progress) {
        this.processor = processor;
        this.parser = parser;
        this.pipeline = pipeline;
        this.progress = progress;
    }

    @Incoming("deploys-in")
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<byte[], byte[]> records) {
        progress.run("deploy", () -> processor.process("deploy", records, parser::parse, pipeline::accept));
    }
}
