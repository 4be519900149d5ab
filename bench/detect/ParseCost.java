import dev.vigil.core.MetricSample;
import dev.vigil.ingest.MetricParser;
import dev.vigil.ingest.Parsed;
import dev.vigil.ingest.RecordDecoder;
import dev.vigil.ingest.TimeWindow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CPU time per record of decoding a Kafka record's bytes to a validated {@link MetricSample}: through a Jackson tree
 * (the path every record took before the streaming read) and as the metrics consumer now does it (streaming read,
 * tree only for what it leaves). Thread CPU time, so the figure hardly depends on the machine's load.
 * Records as bench/detect/ConsumeRatio.java produces them. Args: RECORDS ROUNDS. Run by bench/detect/parse-cost.sh.
 */
public class ParseCost {

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        byte[][] records = records(n);
        MetricParser parser = new MetricParser(List.of("service", "job", "app"),
                new TimeWindow(Duration.ofHours(1), Duration.ofDays(30), Clock.systemUTC()));
        RecordDecoder decoder = new RecordDecoder(1024 * 1024);
        for (int round = 1; round <= rounds; round++) {
            double tree = nanosPerRecord(records, r -> decoder.decode(r, parser::parse));
            double direct = nanosPerRecord(records, r -> decoder.decode(r, parser::parseDirect, parser::parse));
            System.out.printf("round %d: tree %.0f ns/record, streaming %.0f ns/record (%.1fx)%n",
                    round, tree, direct, tree / direct);
        }
    }

    interface Decode {
        Parsed<MetricSample> apply(byte[] record);
    }

    static double nanosPerRecord(byte[][] records, Decode decode) {
        long ok = 0;
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (byte[] r : records) {
            ok += decode.apply(r).isOk() ? 1 : 0;
        }
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        if (ok != records.length) {
            throw new IllegalStateException(ok + " of " + records.length + " records valid");
        }
        return cpu / (double) records.length;
    }

    static byte[][] records(int n) {
        SplittableRandom random = new SplittableRandom(42);
        long start = (System.currentTimeMillis() / 10_000 - n / 10_000 - 2) * 10_000;
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            int s = i % 10_000;
            long ts = start + (i / 10_000) * 10_000L;
            double value = 100 + 20 * Math.sin(2 * Math.PI * (ts % 86_400_000L) / 86_400_000.0 + s)
                    + random.nextGaussian() * 2;
            out[i] = ("{\"service\":\"svc-" + (s % 100) + "\",\"name\":\"bench_metric_" + (s / 100)
                    + "\",\"labels\":{\"instance\":\"i-" + (s % 7) + "\"},\"timestamp\":" + ts
                    + ",\"value\":" + Math.round(value * 1000) / 1000.0 + "}").getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }
}
