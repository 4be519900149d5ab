package dev.vigil.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.SeriesKey;
import dev.vigil.detect.state.DetectorCodec;
import dev.vigil.testing.Postgres;
import dev.vigil.testing.VigilTestResource;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Three Vigil processes in cluster mode against one Kafka broker in its own JVM ({@link KafkaBrokerMain}) and a fresh
 * PostgreSQL database, fed a counted load (SERIES series of POINTS points each, keyed by series, one minute apart,
 * a daily-looking wave with seeded noise and one spike per series late in the stream). During the stream it kills a
 * replica with {@code kill -9} (after the first counts were stored, so its partitions have state to hand on),
 * optionally restarts the broker and stops PostgreSQL for 30 s; then it checks, end to end:
 * <ul>
 *   <li>every record sent was accepted by the broker and counted exactly once (per series, through the API, stable
 *       over later flushes);</li>
 *   <li>every record is in the gate's stored sample rollups exactly once: per series, the rollups' sample counts add
 *       up to POINTS (a rollup flushed apart from the offsets would lose or double the records around a kill);</li>
 *   <li>every series' detector learnt from every point exactly once: the stored state's point count equals POINTS
 *       (a detector reset, or one that skipped points, has fewer; one that learnt a record twice has more);</li>
 *   <li>each spike is in the store as one anomaly, and no anomaly is stored twice (same series and start).</li>
 * </ul>
 * {@code ClusterFaultIT} runs a short version (the kill only); {@code bench/scale/faults.sh} runs {@link #main} with
 * all three faults and prints the figures.
 */
final class ClusterFaultScenario {

    static final String SERVICE = "fault-svc";
    static final String METRIC = "fault_level";
    static final String ADMIN_TOKEN = "vgl_faults-admin-0123456789abcdef";
    static final int PARTITIONS = 6;
    static final int REPLICAS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param postgresCluster {@code "VERSION NAME"} for {@code pg_ctlcluster} when PostgreSQL is to be stopped, else null
     * @param catchUp         how long the survivors may take to count everything after the stream
     */
    record Options(int series, int points, int rate, boolean restartBroker, String postgresCluster, Duration catchUp) {
    }

    record Result(long sent, long sendFailures, long expected, long counted, int seriesMiscounted, long rolledUp,
                  int seriesRollupsMiscounted, int detectorsBehind, int detectorsAhead, int detectorsMissing,
                  int duplicateAnomalies, int spikesMissed, double survivorsRestored, Duration stream, Duration catchUp,
                  List<String> events) {

        boolean exact() {
            return sendFailures == 0 && counted == expected && seriesMiscounted == 0 && rolledUp == expected
                    && seriesRollupsMiscounted == 0 && detectorsBehind == 0 && detectorsAhead == 0
                    && detectorsMissing == 0 && duplicateAnomalies == 0 && spikesMissed == 0;
        }
    }

    private final Options options;
    private final Path workDir;
    private final long t0;
    private final int spikeAt;
    private final List<String> events = new ArrayList<>();
    private final long started = System.nanoTime();

    ClusterFaultScenario(Options options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
        // Inside the window of times Vigil accepts (30 days): the stream ends a day ago.
        this.t0 = Instant.now().minus(Duration.ofDays(1)).minus(Duration.ofMinutes(options.points()))
                .truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        this.spikeAt = options.points() * 17 / 20;
    }

    Result run() throws Exception {
        String database = "vigil_faults_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        execute(adminUrl(), "CREATE DATABASE " + database);
        String url = adminUrl().substring(0, adminUrl().lastIndexOf('/') + 1) + database;
        BrokerProcess broker = new BrokerProcess(workDir.resolve("kafka"), VigilTestResource.freePort(),
                VigilTestResource.freePort());
        List<VigilProcess> replicas = new ArrayList<>();
        try {
            broker.start();
            createTopic(broker.bootstrapServers());
            log("broker up, topic vigil.metrics has " + PARTITIONS + " partitions");
            startReplicas(replicas, broker.bootstrapServers(), url);
            log("3 replicas ready");
            return stream(replicas, broker, url);
        } finally {
            for (VigilProcess replica : replicas) {
                replica.close();
            }
            broker.close();
            execute(adminUrl(), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private Result stream(List<VigilProcess> replicas, BrokerProcess broker, String url) throws Exception {
        long expected = (long) options.series() * options.points();
        Load load = new Load(broker.bootstrapServers());
        Thread producer = new Thread(load, "fault-load");
        long streamStart = System.nanoTime();
        producer.start();
        VigilProcess victim = replicas.get(REPLICAS - 1);
        VigilProcess survivor = replicas.get(0);
        // kill -9 once the first counts (and the detector state with them) are stored, mid-stream.
        // HTTP answers may time out on a loaded machine: polls ignore that and ask again.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> load.sent.get() >= expected * 3 / 10 && counted(survivor) >= expected / 5);
        victim.kill();
        log("kill -9 replica 3 at " + load.sent.get() + " records sent");
        if (options.restartBroker()) {
            awaitSent(load, expected * 55 / 100);
            broker.stop();
            log("broker stopped at " + load.sent.get() + " records sent");
            broker.start();
            log("broker started again");
        }
        if (options.postgresCluster() != null) {
            awaitSent(load, expected * 3 / 4);
            pgCtl("stop");
            log("PostgreSQL stopped at " + load.sent.get() + " records sent");
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(30)); // the outage itself, not a synchronisation
            pgCtl("start");
            log("PostgreSQL started again");
        }
        producer.join();
        Duration streamTime = Duration.ofNanos(System.nanoTime() - streamStart);
        log("stream done: " + load.sent.get() + " sent, " + load.failed.get() + " failed");
        long catchUpStart = System.nanoTime();
        try {
            await().atMost(options.catchUp()).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> counted(survivor) >= expected);
            // ... and stays exact over the next flushes (a record counted twice would show up here).
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> counted(survivor) == expected);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> learnt(url).values().stream().filter(n -> n == options.points()).count()
                            == options.series());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            log("not settled: " + e.getMessage());
        }
        Duration catchUp = Duration.ofNanos(System.nanoTime() - catchUpStart);
        log("settled");
        Map<String, Long> counts = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> perSeries(survivor), c -> true);
        double restored = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> restored(replicas, victim), r -> true);
        return result(load, expected, counts, learnt(url), url, restored, streamTime, catchUp);
    }

    private Result result(Load load, long expected, Map<String, Long> counts, Map<String, Long> learnt, String url,
                          double restored, Duration stream, Duration catchUp) throws SQLException {
        int miscounted = 0;
        int rollupsMiscounted = 0;
        Map<String, Long> rolledUp = rolledUp(url);
        int behind = 0;
        int ahead = 0;
        int missing = 0;
        for (int s = 0; s < options.series(); s++) {
            String id = key(s).id();
            miscounted += counts.getOrDefault(id, 0L) == options.points() ? 0 : 1;
            rollupsMiscounted += rolledUp.getOrDefault(id, 0L) == options.points() ? 0 : 1;
            Long n = learnt.get(id);
            if (n == null) {
                missing++;
            } else if (n < options.points()) {
                behind++;
            } else if (n > options.points()) {
                ahead++;
            }
        }
        long counted = counts.values().stream().mapToLong(Long::longValue).sum();
        int[] anomalies = anomalies(url);
        return new Result(load.sent.get(), load.failed.get(), expected, counted, miscounted,
                rolledUp.values().stream().mapToLong(Long::longValue).sum(), rollupsMiscounted, behind, ahead, missing,
                anomalies[0], anomalies[1], restored, stream, catchUp, List.copyOf(events));
    }

    private void startReplicas(List<VigilProcess> replicas, String bootstrap, String url) throws IOException {
        // The first one alone: it migrates the schema and makes the admin token; the others find both done.
        for (int i = 0; i < REPLICAS; i++) {
            Path dir = workDir.resolve("replica-" + (i + 1));
            Files.createDirectories(dir);
            replicas.add(VigilProcess.start(dir, "vigil.log", VigilTestResource.freePort(), VigilTestResource.freePort(),
                    VigilTestResource.freePort(), List.of("-Xmx512m",
                            "-Dkafka.bootstrap.servers=" + bootstrap,
                            "-Dvigil.database.postgres-url=" + url,
                            "-Dvigil.database.postgres-user=" + Postgres.USER,
                            "-Dvigil.database.postgres-password=" + Postgres.PASSWORD,
                            "-Dvigil.security.admin-token=" + ADMIN_TOKEN,
                            "-Dvigil.kafka.metrics-partitions=" + PARTITIONS,
                            "-Dvigil.ingest.series-flush-interval=2s",
                            // The stream's samples are a day old and more: kept, not pruned, for the rollup check.
                            "-Dvigil.gate.rollups.retention=30d",
                            // A killed replica's partitions move after 10 s rather than the default 45 s.
                            "-Dmp.messaging.incoming.metrics-in.session.timeout.ms=10000",
                            "-Dmp.messaging.incoming.metrics-in.heartbeat.interval.ms=2000")));
            if (i == 0) {
                replicas.get(0).awaitReady();
            }
        }
        replicas.forEach(VigilProcess::awaitReady);
    }

    /** Samples of every series, point by point, at {@code rate} records/s; counts what the broker acknowledged. */
    private final class Load implements Runnable {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final String bootstrap;

        Load(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        @Override
        public void run() {
            Map<String, Object> config = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    // Exactly once into the log across a broker restart: idempotent, retried until it is back.
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000,
                    ProducerConfig.LINGER_MS_CONFIG, 5);
            Random[] noise = new Random[options.series()];
            byte[][] keys = new byte[options.series()][];
            for (int s = 0; s < options.series(); s++) {
                noise[s] = new Random(1_000 + s);
                keys[s] = key(s).canonical().getBytes(StandardCharsets.UTF_8);
            }
            long begin = System.nanoTime();
            long queued = 0;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
                for (int i = 0; i < options.points(); i++) {
                    for (int s = 0; s < options.series(); s++) {
                        double v = 100 + 10 * Math.sin(2 * Math.PI * i / 60.0) + noise[s].nextGaussian()
                                + (i == spikeAt ? 300 : 0);
                        String json = "{\"service\":\"" + SERVICE + "\",\"name\":\"" + METRIC + "\",\"labels\":{\"pod\":\"p"
                                + s + "\"},\"timestamp\":" + (t0 + i * 60_000L) + ",\"value\":" + v + "}";
                        producer.send(new ProducerRecord<>("vigil.metrics", keys[s], json.getBytes(StandardCharsets.UTF_8)),
                                (meta, error) -> (error == null ? sent : failed).incrementAndGet());
                        queued++;
                    }
                    long due = begin + queued * 1_000_000_000L / options.rate();
                    LockSupport.parkNanos(due - System.nanoTime()); // pacing the load
                }
                producer.flush();
            }
        }
    }

    private void awaitSent(Load load, long records) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> load.sent.get() >= records);
    }

    private static SeriesKey key(int series) {
        return SeriesKey.of(SERVICE, METRIC, Map.of("pod", "p" + series));
    }

    private static void createTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("vigil.metrics", PARTITIONS, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** Samples counted per series id, as the API of {@code replica} lists them. */
    private static Map<String, Long> perSeries(VigilProcess replica) throws IOException, InterruptedException {
        Map<String, Long> counts = new HashMap<>();
        for (int offset = 0; ; offset += 1000) {
            HttpResponse<String> r = replica.get("/api/v1/series?service=" + SERVICE + "&limit=1000&offset=" + offset,
                    ADMIN_TOKEN);
            if (r.statusCode() != 200) {
                throw new IOException("GET /api/v1/series answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode items = JSON.readTree(r.body()).get("items");
            items.forEach(item -> counts.put(item.get("id").asText(), item.get("count").asLong()));
            if (items.size() < 1000) {
                return counts;
            }
        }
    }

    private static long counted(VigilProcess replica) throws IOException, InterruptedException {
        return perSeries(replica).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Samples in each series' stored gate rollups, by series id. */
    private static Map<String, Long> rolledUp(String url) throws SQLException {
        Map<String, Long> rolledUp = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, Postgres.USER, Postgres.PASSWORD);
             PreparedStatement ps = c.prepareStatement("SELECT series_id, SUM(sample_count) FROM metric_rollups "
                     + "WHERE service = ? GROUP BY series_id")) {
            ps.setString(1, SERVICE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rolledUp.put(rs.getString(1).trim(), rs.getLong(2));
                }
            }
        }
        return rolledUp;
    }

    /** Points each series' stored detector state has learnt from, by series id. */
    private static Map<String, Long> learnt(String url) throws SQLException {
        Map<String, Long> learnt = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, Postgres.USER, Postgres.PASSWORD);
             PreparedStatement ps = c.prepareStatement("SELECT series_id, state FROM detector_checkpoints "
                     + "WHERE canonical LIKE ?")) {
            ps.setString(1, SERVICE + "|%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    learnt.put(rs.getString(1).trim(), DetectorCodec.decode(rs.getBytes(2)).learntPoints());
                }
            }
        }
        return learnt;
    }

    /** {duplicates, spikes missed}: anomalies stored more than once (same series and start), series whose spike is in none. */
    private int[] anomalies(String url) throws SQLException {
        Map<String, Integer> byStart = new HashMap<>();
        Map<String, Boolean> spikeFound = new HashMap<>();
        Instant spike = Instant.ofEpochMilli(t0 + spikeAt * 60_000L);
        try (Connection c = DriverManager.getConnection(url, Postgres.USER, Postgres.PASSWORD);
             PreparedStatement ps = c.prepareStatement("SELECT series_id, started_at, ended_at FROM anomalies "
                     + "WHERE service = ?")) {
            ps.setString(1, SERVICE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String series = rs.getString(1).trim();
                    Instant start = rs.getTimestamp(2).toInstant();
                    Instant end = rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant();
                    byStart.merge(series + "@" + start, 1, Integer::sum);
                    if (!start.isAfter(spike) && (end == null || !end.isBefore(spike))) {
                        spikeFound.put(series, true);
                    }
                }
            }
        }
        int duplicates = byStart.values().stream().mapToInt(n -> n - 1).sum();
        return new int[] {duplicates, options.series() - spikeFound.size()};
    }

    /** Series the survivors resumed from a stored detector state ({@code vigil_detect_series_restored_total}). */
    private static double restored(List<VigilProcess> replicas, VigilProcess victim) throws IOException, InterruptedException {
        double sum = 0;
        for (VigilProcess replica : replicas) {
            if (replica != victim) {
                sum += replica.get("/q/metrics", null).body().lines()
                        .filter(l -> l.startsWith("vigil_detect_series_restored_total"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            }
        }
        return sum;
    }

    private void pgCtl(String action) throws IOException, InterruptedException {
        String[] cluster = options.postgresCluster().split(" ");
        Process p = new ProcessBuilder("pg_ctlcluster", cluster[0], cluster[1], action).inheritIO().start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_ctlcluster " + options.postgresCluster() + " " + action + " failed");
        }
    }

    private static String adminUrl() {
        return Postgres.URL.contains("?") ? Postgres.URL.substring(0, Postgres.URL.indexOf('?')) : Postgres.URL;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, Postgres.USER, Postgres.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void log(String event) {
        String line = String.format("%6.1f s  %s", (System.nanoTime() - started) / 1e9, event);
        events.add(line);
        System.out.println(line);
    }

    /**
     * The fault benchmark ({@code bench/scale/faults.sh}). Args: SERIES POINTS RATE PG_CLUSTER ("15 main") WORK_DIR.
     * Exits 0 when every check holds.
     */
    public static void main(String[] args) throws Exception {
        Options options = new Options(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                true, args[3], Duration.ofMinutes(10));
        Result r = new ClusterFaultScenario(options, Path.of(args[4])).run();
        System.out.printf("sent %d records (%d send failures), expected %d counted, counted %d%n", r.sent(),
                r.sendFailures(), r.expected(), r.counted());
        System.out.printf("lost %d, double-counted %d; series miscounted %d of %d%n", Math.max(0, r.expected() - r.counted()),
                Math.max(0, r.counted() - r.expected()), r.seriesMiscounted(), options.series());
        System.out.printf("gate rollups: %d samples stored, lost %d, double %d; series miscounted %d of %d%n",
                r.rolledUp(), Math.max(0, r.expected() - r.rolledUp()), Math.max(0, r.rolledUp() - r.expected()),
                r.seriesRollupsMiscounted(), options.series());
        System.out.printf("detectors: behind (reset or skipped) %d, ahead (learnt twice) %d, without state %d; "
                + "survivors restored %.0f series from stored state%n", r.detectorsBehind(), r.detectorsAhead(),
                r.detectorsMissing(), r.survivorsRestored());
        System.out.printf("anomalies: stored twice %d, spikes missed %d%n", r.duplicateAnomalies(), r.spikesMissed());
        System.out.printf("stream %d s at %d records/s, catch-up after it %d s%n", r.stream().toSeconds(), options.rate(),
                r.catchUp().toSeconds());
        System.exit(r.exact() ? 0 : 1);
    }
}
