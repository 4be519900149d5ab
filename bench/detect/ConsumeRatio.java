import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.EmbeddedKafkaBroker;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Vigil's Kafka-record-to-score path against a bare {@code KafkaConsumer}, on the same topic of the same broker in
 * the same run. The broker (Vigil's own single-node KRaft broker class, in this JVM) is filled first with
 * WARMUP + MEASURED Vigil-JSON samples keyed by series; then, with nothing being produced any more, each reader
 * reads all of them from the start and is timed over the last MEASURED records (the first WARMUP are its JIT
 * warm-up; for Vigil also every series' first sight):
 *
 * <ol>
 *   <li>a bare consumer that only counts bytes,</li>
 *   <li>a bare consumer that also parses each record's JSON into a Jackson tree and reads its value,</li>
 *   <li>Vigil (the packaged app in cluster mode against this broker, second JVM, H2), timed by its own
 *       {@code vigil_detect_points_scored_total + ..._ignored_total} (see {@link #pollPause}),</li>
 *   <li>the bare consumer again, to bracket any drift in the machine's load.</li>
 * </ol>
 * The bare consumers use Vigil's fetch settings (max.poll.records 2000, fetch.min.bytes 64 KiB, 100 ms wait).
 *
 * <p>CPU: Vigil's is its whole process (workers, Kafka consumer, JIT, GC, database writes; the broker is not in it);
 * a bare consumer's is its polling thread's. Records per CPU-second hardly depend on what else the machine runs,
 * records per second do: on a shared machine compare the ratios of one run, not runs.
 *
 * <p>Args: QUARKUS_APP_DIR WORK_DIR SERIES WARMUP MEASURED. Env VIGIL_JAVA_OPTS: extra JVM options for Vigil.
 */
public class ConsumeRatio {

    static final String TOPIC = "vigil.metrics";
    static final int PARTITIONS = 4;
    static final long STEP_MILLIS = 10_000; // 1 M series at 10 s is what docs/operations.md sizes for
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path app = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int series = Integer.parseInt(args[2]);
        long warmup = Long.parseLong(args[3]);
        long measured = Long.parseLong(args[4]);
        long total = warmup + measured;
        int port = freePort();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(work.resolve("kafka"), port, freePort());
        broker.start();
        String bootstrap = broker.bootstrapServers();
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        System.out.printf("series %,d; %,d warm-up records then %,d measured; topic %s, %d partitions%n",
                series, warmup, measured, TOPIC, PARTITIONS);
        produce(bootstrap, series, total);

        List<Run> runs = new ArrayList<>();
        runs.add(bare("bare KafkaConsumer", bootstrap, warmup, total, r -> r.value().length));
        ObjectMapper json = new ObjectMapper();
        runs.add(bare("bare KafkaConsumer + Jackson tree", bootstrap, warmup, total,
                r -> (long) readValue(json, r.value())));
        runs.add(vigil(app, work, bootstrap, warmup, total));
        runs.add(bare("bare KafkaConsumer (again)", bootstrap, warmup, total, r -> r.value().length));
        broker.close();

        System.out.printf("%-36s %14s %12s %18s%n", "reader", "records/s", "CPU s", "records/CPU-s");
        for (Run r : runs) {
            System.out.printf("%-36s %,14.0f %12.2f %,18.0f%n", r.name, r.rate(), r.cpuSeconds, r.perCpuSecond());
        }
        double bare = Math.max(runs.get(0).rate(), runs.get(3).rate());
        Run v = runs.get(2);
        System.out.printf("ratio Vigil / bare KafkaConsumer (the faster of its two runs): %.2f%n", v.rate() / bare);
        System.out.printf("ratio Vigil / bare KafkaConsumer + Jackson tree: %.2f%n", v.rate() / runs.get(1).rate());
        double bareCpu = Math.max(runs.get(0).perCpuSecond(), runs.get(3).perCpuSecond());
        System.out.printf("ratio of records per CPU-second, Vigil's process / the bare consumer's thread: %.2f%n",
                v.perCpuSecond() / bareCpu);
        System.out.printf("Vigil scored %,d and ignored %,d of %,d records%n", v.scored, v.ignored, total);
        System.exit(v.scored + v.ignored == total ? 0 : 1);
    }

    record Run(String name, long records, long nanos, double cpuSeconds, long scored, long ignored) {
        double rate() {
            return records / (nanos / 1e9);
        }

        double perCpuSecond() {
            return records / cpuSeconds;
        }
    }

    static double readValue(ObjectMapper json, byte[] value) {
        try {
            JsonNode node = json.readTree(value);
            return node.get("value").asDouble();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Series s's points: a daily sine with noise and a rare spike, one every 10 s, ending about now. */
    static void produce(String bootstrap, int series, long total) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "5");
        p.put("batch.size", String.valueOf(256 * 1024));
        p.put("acks", "1");
        p.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        long perSeries = (total + series - 1) / series;
        long start = (System.currentTimeMillis() / STEP_MILLIS - perSeries - 1) * STEP_MILLIS;
        SplittableRandom random = new SplittableRandom(42);
        long began = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < total; i++) {
                int s = (int) (i % series);
                long ts = start + (i / series) * STEP_MILLIS;
                double phase = 2 * Math.PI * (ts % 86_400_000L) / 86_400_000.0;
                double value = 100 + 20 * Math.sin(phase + s) + random.nextGaussian() * 2;
                if (random.nextInt(5000) == 0) {
                    value += 80;
                }
                String service = "svc-" + (s % 100);
                String name = "bench_metric_" + (s / 100);
                String record = "{\"service\":\"" + service + "\",\"name\":\"" + name
                        + "\",\"labels\":{\"instance\":\"i-" + (s % 7) + "\"},\"timestamp\":" + ts
                        + ",\"value\":" + Math.round(value * 1000) / 1000.0 + "}";
                producer.send(new ProducerRecord<>(TOPIC, (service + "|" + name).getBytes(StandardCharsets.UTF_8),
                        record.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        System.out.printf("produced %,d records in %.1f s%n", total, (System.nanoTime() - began) / 1e9);
    }

    /** Reads every record from the start, partitions assigned (no group), timing the records after the warm-up. */
    static Run bare(String name, String bootstrap, long warmup, long total,
            ToLongFunction<ConsumerRecord<byte[], byte[]>> work) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("max.poll.records", "2000");
        p.put("fetch.min.bytes", "65536");
        p.put("fetch.max.wait.ms", "100");
        p.put("enable.auto.commit", "false");
        long count = 0;
        long sink = 0;
        long t0 = 0;
        long cpu0 = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                partitions.add(new TopicPartition(TOPIC, i));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (count < total) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    sink += work.applyAsLong(r);
                    if (++count == warmup) {
                        t0 = System.nanoTime();
                        cpu0 = THREADS.getCurrentThreadCpuTime();
                    }
                }
            }
        }
        long nanos = System.nanoTime() - t0;
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf("%s: %,d records (checksum %d)%n", name, count, sink);
        return new Run(name, total - warmup, nanos, cpu, 0, 0);
    }

    /** The packaged app in cluster mode against this broker; progress is its own scored + ignored counters. */
    static Run vigil(Path app, Path work, String bootstrap, long warmup, long total) throws Exception {
        int http = freePort();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx2g"));
        String opts = System.getenv("VIGIL_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            command.addAll(List.of(opts.trim().split("\\s+")));
        }
        command.addAll(List.of("-Dquarkus.http.port=" + http, "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dvigil.data-dir=" + work.resolve("vigil"),
                "-Dvigil.security.admin-token=vgl_bench-admin-0123456789abcdef",
                // On a machine shared with many builds the first batch (2,000 series seen for the first time, each
                // looked up in the database) once took over 60 s, and SmallRye fails the channel for good when a
                // record waits that long for its acknowledgement: no limit here, whatever the machine's load.
                "-Dmp.messaging.incoming.metrics-in.throttled.unprocessed-record-max-age.ms=0",
                "-jar", app.resolve("quarkus-run.jar").toString()));
        Files.createDirectories(work.resolve("vigil"));
        Process vigil = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("vigil.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(vigil::destroy));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://localhost:" + http + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        long t0 = 0;
        double cpu0 = 0;
        long[] seen = {0, 0};
        long before = 0;
        long at = System.nanoTime();
        try {
            while (true) {
                if (System.nanoTime() > deadline || !vigil.isAlive()) {
                    throw new IllegalStateException("Vigil did not score " + total + " records; see " + work.resolve("vigil.log"));
                }
                seen = counters(client, metrics);
                long done = seen[0] + seen[1];
                if (t0 == 0 && done >= warmup) {
                    t0 = System.nanoTime();
                    cpu0 = cpuSeconds(vigil.pid());
                }
                if (done >= total) {
                    break;
                }
                LockSupport.parkNanos(pollPause(done, t0 == 0 ? warmup : total, before, System.nanoTime() - at));
                before = done;
                at = System.nanoTime();
            }
            long nanos = System.nanoTime() - t0;
            double cpu = cpuSeconds(vigil.pid()) - cpu0;
            return new Run("Vigil (record to score)", total - warmup, nanos, cpu, seen[0], seen[1]);
        } finally {
            vigil.destroy();
            vigil.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /**
     * A scrape of /q/metrics costs Vigil CPU (a profile of 100 ms polls put it at ~7% of its worker threads): poll
     * once a second, and every 100 ms only when the target is due within about two seconds at the last rate.
     */
    static long pollPause(long done, long target, long before, long nanos) {
        double perNano = Math.max(done - before, 1) / (double) Math.max(nanos, 1);
        double due = (target - done) / perNano;
        return due < 2e9 ? 100_000_000L : 1_000_000_000L;
    }

    /** scored, ignored; zeros while Vigil is not up yet. */
    static long[] counters(HttpClient client, HttpRequest metrics) throws InterruptedException {
        try {
            String body = client.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
            return new long[] {counter(body, "vigil_detect_points_scored_total "),
                    counter(body, "vigil_detect_points_ignored_total ")};
        } catch (java.io.IOException e) {
            return new long[] {0, 0};
        }
    }

    static long counter(String body, String name) {
        int at = body.indexOf("\n" + name);
        if (at < 0) {
            return 0;
        }
        int end = body.indexOf('\n', at + 1);
        return (long) Double.parseDouble(body.substring(at + 1 + name.length(), end).trim());
    }

    /** User + system CPU time of a process so far (fields 14 and 15 of /proc/PID/stat; env CLK_TCK ticks a second). */
    static double cpuSeconds(long pid) throws java.io.IOException {
        String ticks = System.getenv("CLK_TCK");
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (ticks == null ? 100.0 : Double.parseDouble(ticks));
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
