package dev.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.VigilTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's {@code prometheus}, run as a process on a free port with a generated config)
 * scrapes a tiny exporter served here and remote-writes to a running Vigil with the ingest token; every sample it
 * scraped is counted in {@code /api/v1/series}.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class RemoteWriteIngestTest {

    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final int SCRAPES = 3;

    static ApiTokens tokens;
    String service;

    @TestHTTPResource("/api/v1/write")
    URL endpoint;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
        service = "prom-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void prometheusScrapesAnExporterAndEverySampleItRemoteWritesIsCounted() throws Exception {
        assertTrue(Files.isExecutable(PROMETHEUS), PROMETHEUS + " is missing: install the Debian package prometheus (.ci/run does)");
        AtomicInteger served = new AtomicInteger();
        HttpServer exporter = exporter(served);
        Process prometheus = null;
        try {
            prometheus = startPrometheus(exporter.getAddress().getPort());
            // The exporter answers SCRAPES times and then fails, so Prometheus has exactly SCRAPES samples of each
            // series to send (then staleness markers, which are not measurements and must not be counted).
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath page = series();
                OtlpIngestTest.assertSeries(page, "demo_requests_total", Map.of("path", "/a", "instance", instance(exporter)),
                        SCRAPES, 10.0 * SCRAPES);
                OtlpIngestTest.assertSeries(page, "demo_temperature", Map.of("instance", instance(exporter)), SCRAPES, 21.5);
                OtlpIngestTest.assertSeries(page, "demo_latency_seconds_bucket", Map.of("le", "+Inf", "instance", instance(exporter)),
                        SCRAPES, 4.0);
                OtlpIngestTest.assertSeries(page, "demo_latency_seconds_count", Map.of("instance", instance(exporter)), SCRAPES, 4.0);
            });
            assertEquals(SCRAPES, served.get(), "the exporter served exactly the scrapes counted");
        } finally {
            stop(prometheus);
            exporter.stop(0);
        }
    }

    @Test
    void remoteWrite2AndUncompressedBodiesAreRefusedWithProblemsNamingTheHeader() {
        given().auth().oauth2(tokens.get(As.INGEST)).contentType("application/x-protobuf;proto=io.prometheus.write.v2.Request")
                .header("Content-Encoding", "snappy").header("X-Prometheus-Remote-Write-Version", "2.0.0").body(new byte[0])
                .post("/api/v1/write").then().statusCode(415).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("2.0 is not supported")).body("errors[0].field", equalTo("Content-Type"));
        given().auth().oauth2(tokens.get(As.INGEST)).contentType("application/x-protobuf").body(new byte[] {1, 2})
                .post("/api/v1/write").then().statusCode(415).body("errors[0].field", equalTo("Content-Encoding"));
        given().auth().oauth2(tokens.get(As.INGEST)).contentType("application/x-protobuf").header("Content-Encoding", "snappy")
                // A snappy header announcing 128 MiB: refused from the header, before anything is allocated.
                .body(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, 0x40})
                .post("/api/v1/write").then().statusCode(413).body("errors[0].reason", equalTo("payload_too_large"));
        given().contentType("application/x-protobuf").header("Content-Encoding", "snappy").body(new byte[0])
                .post("/api/v1/write").then().statusCode(401);
    }

    private Process startPrometheus(int exporterPort) throws IOException {
        int port = freePort();
        Path token = Files.writeString(dir.resolve("token"), tokens.get(As.INGEST));
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: %s
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                remote_write:
                  - url: %s
                    authorization:
                      credentials_file: %s
                    remote_timeout: 10s
                    queue_config:
                      batch_send_deadline: 1s
                      min_backoff: 100ms
                      max_backoff: 1s
                """.formatted(service, exporterPort, endpoint, token));
        return new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    /** Prometheus' text format: a counter, a gauge and a classic histogram; after SCRAPES answers it fails. */
    private static HttpServer exporter(AtomicInteger served) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            int n = served.incrementAndGet();
            if (n > SCRAPES) {
                served.decrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] body = ("""
                    # TYPE demo_requests_total counter
                    demo_requests_total{path="/a"} %d
                    # TYPE demo_temperature gauge
                    demo_temperature 21.5
                    # TYPE demo_latency_seconds histogram
                    demo_latency_seconds_bucket{le="0.1"} 1
                    demo_latency_seconds_bucket{le="+Inf"} 4
                    demo_latency_seconds_sum 1.25
                    demo_latency_seconds_count 4
                    """.formatted(10 * n)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static String instance(HttpServer exporter) {
        return "127.0.0.1:" + exporter.getAddress().getPort();
    }

    private JsonPath series() {
        return given().auth().oauth2(tokens.get(As.VIEWER)).queryParam("service", service).queryParam("limit", 100)
                .get("/api/v1/series").then().statusCode(200).extract().jsonPath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
