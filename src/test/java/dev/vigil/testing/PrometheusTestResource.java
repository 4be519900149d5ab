package dev.vigil.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A real Prometheus server (Debian package {@code prometheus}, {@code /usr/bin/prometheus}) on a free port, scraping
 * every second a tiny exporter this resource serves (text exposition format, values the test sets with
 * {@link #expose}). Configures Vigil with four providers: {@code default} (that Prometheus), {@code tiny} (the same
 * with a 64-byte answer cap), {@code down} (a port nothing listens on) and {@code slow} (a server that accepts and
 * never answers; stubbed, since a Prometheus cannot be made slow on purpose).
 */
public class PrometheusTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BINARY = "/usr/bin/prometheus";
    public static final String SECRET = "test-secret-token-for-prometheus";

    /** Series the exporter serves: exposition line prefix (name and labels) to mean and noise of each scrape. */
    private static final Map<String, double[]> SERIES = new ConcurrentHashMap<>();
    private static volatile URI prometheusUrl;

    private Path dir;
    private HttpServer exporter;
    private HttpServer stalled;
    private final CountDownLatch release = new CountDownLatch(1);
    private Process prometheus;

    /** For {@code @EnabledIf}: .ci/run installs the package; a developer without it skips these tests. */
    public static boolean installed() {
        return Files.isExecutable(Path.of(BINARY));
    }

    /**
     * From the next scrape on, {@code series} (e.g. {@code test_latency_seconds{service="a",track="canary"}}) has
     * a value drawn around {@code mean} with Gaussian {@code noise}, from a random sequence seeded by the series.
     */
    public static void expose(String series, double mean, double noise) {
        SERIES.put(series, new double[] {mean, noise, series.hashCode()});
    }

    /** The URL of the running Prometheus, for tests that ask it directly whether data has arrived. */
    public static URI url() {
        return prometheusUrl;
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("vigil-prometheus");
            exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            exporter.createContext("/metrics", exchange -> {
                byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            exporter.start();
            stalled = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            stalled.createContext("/", exchange -> {
                try {
                    release.await(); // never answers while the tests run; stop() lets it go
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            stalled.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            stalled.start();
            int port = VigilTestResource.freePort();
            startPrometheus(port);
            prometheusUrl = URI.create("http://127.0.0.1:" + port);
            awaitReady(prometheusUrl);
            return Map.of(
                    "vigil.gate.providers.prometheus.default.url", prometheusUrl.toString(),
                    // Prometheus ignores it; the test checks it never shows in an answer
                    "vigil.gate.providers.prometheus.default.bearer-token", SECRET,
                    "vigil.gate.providers.prometheus.down.url", "http://127.0.0.1:" + VigilTestResource.freePort(),
                    "vigil.gate.providers.prometheus.down.connect-timeout", "1s",
                    "vigil.gate.providers.prometheus.slow.url", "http://127.0.0.1:" + stalled.getAddress().getPort(),
                    "vigil.gate.providers.prometheus.slow.timeout", "500ms",
                    "vigil.gate.providers.prometheus.tiny.url", prometheusUrl.toString(),
                    "vigil.gate.providers.prometheus.tiny.max-response-bytes", "64");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startPrometheus(int port) throws IOException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: vigil-test
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(exporter.getAddress().getPort()));
        prometheus = new ProcessBuilder(BINARY, "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    private void awaitReady(URI url) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!prometheus.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(url.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                prometheus.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS); // a bounded pause between polls
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("prometheus was not ready within 60 s: " + Files.readString(dir.resolve("prometheus.log")));
    }

    private static final Map<String, Random> RANDOMS = new ConcurrentHashMap<>();

    private static String exposition() {
        StringBuilder out = new StringBuilder();
        SERIES.forEach((series, p) -> {
            Random r = RANDOMS.computeIfAbsent(series, s -> new Random((long) p[2]));
            out.append(series).append(' ')
                    .append(String.format(Locale.ROOT, "%.6f", Math.max(0, p[0] + p[1] * r.nextGaussian()))).append('\n');
        });
        return out.toString();
    }

    @Override
    public void stop() {
        release.countDown();
        if (prometheus != null) {
            prometheus.destroy();
            try {
                if (!prometheus.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (exporter != null) {
            exporter.stop(0);
        }
        if (stalled != null) {
            stalled.stop(0);
        }
        VigilTestResource.deleteRecursively(dir);
    }
}
