import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load on POST /api/v1/gates/evaluate: requests leave at a fixed rate whatever the answers do, and
 * each latency is measured from the moment its request was due, so a stall is not hidden (no coordinated
 * omission). JDK only: run with {@code java bench/gate/GateLoad.java URL TOKEN RATE SECONDS WARMUP_SECONDS}.
 */
public class GateLoad {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        run(client, url, token, rate, warmup, "warm-up");
        run(client, url, token, rate, seconds, "measured");
        System.exit(0);
    }

    private static void run(HttpClient client, String url, String token, int rate, int seconds, String phase)
            throws Exception {
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            int n = i;
            long due = start + n * periodNanos;
            CompletableFuture<Void> done = new CompletableFuture<>();
            inFlight.add(done);
            ticker.schedule(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/gates/evaluate"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body(n))).build();
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    latencies[n] = System.nanoTime() - due;
                    if (failure != null || response.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    done.complete(null);
                });
            }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(seconds + 60L, TimeUnit.SECONDS);
        ticker.shutdown();
        Arrays.sort(latencies);
        System.out.printf("%s: %d requests at %d/s over %d s, errors %d, latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f%n",
                phase, total, rate, seconds, errors.get(), ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                ms(latencies, 0.999), latencies[total - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** Distinct services and versions, no canary block: the policy is decided at once, nothing waits. */
    private static String body(int n) {
        return "{\"service\":\"svc-" + (n % 50) + "\",\"environment\":\"prod\",\"version\":\"1." + n + "\",\"commit\":\"c" + n + "\"}";
    }
}
