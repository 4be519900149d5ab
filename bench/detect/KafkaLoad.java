import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Load for the Kafka-to-score path: metric samples in Vigil's JSON format into {@code vigil.metrics}, keyed by
 * series (as the README asks producers to), while the consumer group's progress is read from Kafka itself.
 * Vigil commits a batch only after every sample in it went through parsing, the series registry, the gates'
 * recent-sample buffer and the detector, so "committed" means "scored".
 *
 * <p>Phases: warm-up (every series seen once, detectors past their first points), then a paced phase at RATE
 * points/s whose backlog is sampled twice a second (keeping up = the backlog stays bounded and drains right after
 * the phase), then a backlog of BACKLOG points produced as fast as the producer can, whose drain rate is the
 * path's capacity. Run with the Kafka client jars on the class path; {@code bench/detect/e2e.sh} does.
 *
 * <p>Each phase also reports the CPU time the Vigil process used during it (from {@code /proc/PID/stat}), and so
 * points per Vigil CPU-second: unlike the wall-clock rates, that figure does not depend on what else the machine
 * is running.
 *
 * <p>Args: BOOTSTRAP SERIES RATE SECONDS WARMUP_SECONDS BACKLOG VIGIL_PID CLOCK_TICKS_PER_SECOND
 */
public class KafkaLoad {

    static final String TOPIC = "vigil.metrics";
    static final String GROUP = "vigil";
    static final long STEP_MILLIS = 60_000;
    /** 20 days ago on the minute: inside Vigil's default vigil.ingest.max-age (30 d) for up to 10 days of points. */
    static final long START_MILLIS = (System.currentTimeMillis() - 20L * 86_400_000L) / STEP_MILLIS * STEP_MILLIS;

    final int series;
    final long[] nextIndex;
    final byte[][] keys;
    final SplittableRandom random = new SplittableRandom(42);
    final KafkaProducer<byte[], byte[]> producer;
    final Admin admin;
    final long pid;
    final int ticksPerSecond;
    long produced;
    int cursor;

    KafkaLoad(String bootstrap, int series, long pid, int ticksPerSecond) {
        this.series = series;
        this.pid = pid;
        this.ticksPerSecond = ticksPerSecond;
        this.nextIndex = new long[series];
        this.keys = new byte[series][];
        for (int i = 0; i < series; i++) {
            keys[i] = (service(i) + "|" + metric(i)).getBytes(StandardCharsets.UTF_8);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        Properties a = new Properties();
        a.put("bootstrap.servers", bootstrap);
        this.admin = Admin.create(a);
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int series = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        long backlog = Long.parseLong(args[5]);
        KafkaLoad load = new KafkaLoad(bootstrap, series, Long.parseLong(args[6]), Integer.parseInt(args[7]));
        System.out.printf("series %,d, paced rate %,d points/s for %d s after %d s warm-up, then a backlog of %,d%n",
                series, rate, seconds, warmup, backlog);
        load.paced("warm-up", rate, warmup);
        load.paced("paced", rate, seconds);
        load.backlog(backlog);
        System.out.printf("produced %,d points in all%n", load.produced);
        load.producer.close();
        load.admin.close();
    }

    static String service(int i) {
        return "svc-" + (i % 100);
    }

    static String metric(int i) {
        return "bench_metric_" + (i / 100);
    }

    /** A daily sine with noise and a rare spike, one point per series per minute of series time. */
    byte[] nextPoint(int s) {
        long n = nextIndex[s]++;
        long ts = START_MILLIS + n * STEP_MILLIS;
        double phase = 2 * Math.PI * (ts % 86_400_000L) / 86_400_000.0;
        double value = 100 + 20 * Math.sin(phase + s) + random.nextGaussian() * 2;
        if (random.nextInt(5000) == 0) {
            value += 80;
        }
        String json = "{\"service\":\"" + service(s) + "\",\"name\":\"" + metric(s)
                + "\",\"labels\":{\"instance\":\"i-" + (s % 7) + "\"},\"timestamp\":" + ts
                + ",\"value\":" + Math.round(value * 1000) / 1000.0 + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    void send() {
        int s = cursor;
        cursor = (cursor + 1) % series;
        producer.send(new ProducerRecord<>(TOPIC, keys[s], nextPoint(s)));
        produced++;
    }

    /** Sends RATE points/s in 10 ms slices, sampling the backlog every 500 ms; then waits for it to drain. */
    void paced(String phase, int rate, int seconds) throws Exception {
        long slice = 10_000_000L;
        long perSlice = Math.max(1, rate / 100);
        long start = System.nanoTime();
        long slices = seconds * 100L;
        long maxBacklog = 0;
        long nextSample = start;
        List<Long> samples = new ArrayList<>();
        long before = produced;
        double cpuBefore = vigilCpuSeconds();
        for (long i = 0; i < slices; i++) {
            long due = start + i * slice;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            for (long k = 0; k < perSlice; k++) {
                send();
            }
            if (System.nanoTime() >= nextSample) {
                producer.flush();
                long b = backlog();
                samples.add(b);
                maxBacklog = Math.max(maxBacklog, b);
                nextSample += 500_000_000L;
            }
        }
        producer.flush();
        long sentAt = System.nanoTime();
        long sent = produced - before;
        double offered = sent / ((sentAt - start) / 1e9);
        long drainedAt = drain(Duration.ofMinutes(5));
        double cpu = vigilCpuSeconds() - cpuBefore;
        double consumed = sent / ((drainedAt - start) / 1e9);
        System.out.printf("%-8s offered %,.0f points/s for %.1f s; backlog max %,d, median %,d; drained %.2f s after"
                        + " the last send; consumed %,.0f points/s over the phase; Vigil CPU %.1f s = %,.0f points per"
                        + " CPU-second%n",
                phase, offered, (sentAt - start) / 1e9, maxBacklog, median(samples), (drainedAt - sentAt) / 1e9,
                consumed, cpu, sent / cpu);
    }

    /** Produces COUNT points as fast as possible; the drain rate from the first send to an empty backlog. */
    void backlog(long count) throws Exception {
        if (count <= 0) {
            return;
        }
        double cpuBefore = vigilCpuSeconds();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            send();
        }
        producer.flush();
        long sentAt = System.nanoTime();
        long drainedAt = drain(Duration.ofMinutes(10));
        double cpu = vigilCpuSeconds() - cpuBefore;
        System.out.printf("backlog  %,d points produced in %.2f s (%,.0f/s); all scored after %.2f s: capacity %,.0f"
                        + " points/s; Vigil CPU %.1f s = %,.0f points per CPU-second%n",
                count, (sentAt - start) / 1e9, count / ((sentAt - start) / 1e9), (drainedAt - start) / 1e9,
                count / ((drainedAt - start) / 1e9), cpu, count / cpu);
    }

    /** Polls the backlog every 20 ms until it is empty; returns when it was first seen empty. */
    long drain(Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (backlog() == 0) {
                return System.nanoTime();
            }
            LockSupport.parkNanos(20_000_000L);
        }
        throw new IllegalStateException("backlog did not drain within " + bound + ": " + backlog());
    }

    /** Log-end offsets minus the group's committed offsets, over the topic's partitions. */
    long backlog() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        List<TopicPartition> partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC)
                .partitions().stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
        long total = 0;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            total += ends.get(p).offset() - (c == null ? 0 : c.offset());
        }
        return total;
    }

    /** User + system CPU time of the Vigil process so far (fields 14 and 15 of /proc/PID/stat). */
    double vigilCpuSeconds() throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) ticksPerSecond;
    }

    static long median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
