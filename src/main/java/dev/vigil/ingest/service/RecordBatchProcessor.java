package dev.vigil.ingest.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.ingest.Parsed;
import dev.vigil.ingest.RecordDecoder;
import dev.vigil.ingest.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Handles one polled batch record by record: a record that cannot be read goes to the dead-letter topic and
 * the others carry on. The batch completes (and its offsets commit) only once every dead letter is written.
 */
@ApplicationScoped
public class RecordBatchProcessor {

    private static final Logger LOG = Logger.getLogger(RecordBatchProcessor.class);
    static final String PROCESSING_FAILED = "processing_failed";

    private final RecordDecoder decoder;
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;

    public RecordBatchProcessor(IngestConfig config, DeadLetterPublisher deadLetters, IngestMetrics metrics) {
        this.decoder = new RecordDecoder(config.maxRecordBytes());
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    public <T> void process(String kind, ConsumerRecords<byte[], byte[]> records, Function<JsonNode, Parsed<T>> parser,
            Consumer<T> sink) {
        process(kind, records, bytes -> null, parser, sink);
    }

    /** {@code direct} reads a record off its bytes when it can (see {@link RecordDecoder}), else returns null. */
    public <T> void process(String kind, ConsumerRecords<byte[], byte[]> records, Function<byte[], Parsed<T>> direct,
            Function<JsonNode, Parsed<T>> parser, Consumer<T> sink) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        AcceptedRun accepted = new AcceptedRun(kind);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Parsed<T> parsed = decoder.decode(record.value(), direct, parser);
            Rejection rejection = parsed.isOk() ? deliver(kind, parsed.value(), sink) : parsed.rejection();
            String source = sourceOf(record);
            if (rejection == null) {
                accepted.add(source, parsed.format());
            } else {
                metrics.rejected(kind, source, rejection.reason());
                pending.add(deadLetters.publish(kind, record.value(), record.key(), rejection, record.topic(),
                        record.partition(), record.offset()));
            }
        }
        accepted.flush();
        awaitDeadLetters(kind, pending);
    }

    /**
     * Counts consecutive accepted records of one source and format, so that the counter is looked up once per run
     * rather than once per record (a batch is usually one run).
     */
    private final class AcceptedRun {
        private final String kind;
        private String source;
        private String format;
        private int count;

        AcceptedRun(String kind) {
            this.kind = kind;
        }

        void add(String source, String format) {
            if (count > 0 && (!source.equals(this.source) || !format.equals(this.format))) {
                flush();
            }
            this.source = source;
            this.format = format;
            count++;
        }

        void flush() {
            if (count > 0) {
                metrics.accepted(kind, source, format, count);
                count = 0;
            }
        }
    }

    private static String sourceOf(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(KafkaForwarder.SOURCE_HEADER);
        return header != null && "http".equals(new String(header.value(), StandardCharsets.UTF_8)) ? "http" : "kafka";
    }

    private static <T> Rejection deliver(String kind, T value, Consumer<T> sink) {
        try {
            sink.accept(value);
            return null;
        } catch (RuntimeException e) {
            LOG.warnf("could not process a valid %s record: %s", kind, e.toString());
            return new Rejection(PROCESSING_FAILED, null, "valid, but processing failed: " + e.getMessage());
        }
    }

    private static void awaitDeadLetters(String kind, List<CompletableFuture<Void>> pending) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf("could not write %d %s dead letters: %s", pending.size(), kind, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
