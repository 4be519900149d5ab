package dev.vigil.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.testing.ApiTokens;
import dev.vigil.testing.ApiTokens.As;
import dev.vigil.testing.VigilTestResource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OTLP/HTTP metrics from the OpenTelemetry Java SDK's own exporter (a client nobody here wrote) into a running
 * Vigil, counted end to end in {@code /api/v1/series}; and the JSON encoding with a partly invalid request.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class OtlpIngestTest {

    static ApiTokens tokens;
    String service;

    @TestHTTPResource("/v1/metrics")
    URL endpoint;

    @BeforeEach
    void setUp() {
        if (tokens == null) {
            tokens = ApiTokens.issue();
        }
        service = "otel-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void sdkExporterGaugeCounterAndHistogramAreCountedAsSeries() {
        OtlpHttpMetricExporter exporter = OtlpHttpMetricExporter.builder().setEndpoint(endpoint.toString())
                .addHeader("Authorization", "Bearer " + tokens.get(As.INGEST)).setTimeout(Duration.ofSeconds(20)).build();
        OnDemandReader reader = new OnDemandReader(exporter);
        SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader)
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service))))
                .build();
        try {
            Meter meter = provider.get("vigil-otlp-test");
            LongCounter orders = meter.counterBuilder("shop.orders").build();
            DoubleGauge temperature = meter.gaugeBuilder("room.temperature").build();
            DoubleHistogram latency = meter.histogramBuilder("http.latency").setExplicitBucketBoundariesAdvice(List.of(0.1, 1.0)).build();
            Attributes eu = Attributes.of(AttributeKey.stringKey("cloud.region"), "eu");
            for (int i = 0; i < 2; i++) {
                int export = i;
                orders.add(3, eu);
                temperature.set(21.5 + i);
                latency.record(0.05);
                latency.record(0.5);
                CompletableResultCode exported = reader.export().join(30, TimeUnit.SECONDS);
                assertTrue(exported.isSuccess(), () -> "export " + export + " failed: " + describe(exported));
            }
            // Two exports of cumulative data: every series has two points; the counter is a _total series of the
            // cumulative value, the histogram its _count, _sum and three cumulative buckets.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonPath page = series();
                assertSeries(page, "shop_orders_total", Map.of("cloud_region", "eu"), 2, 6.0);
                assertSeries(page, "room_temperature", Map.of(), 2, 22.5);
                assertSeries(page, "http_latency_count", Map.of(), 2, 4.0);
                assertSeries(page, "http_latency_sum", Map.of(), 2, 1.1);
                assertSeries(page, "http_latency_bucket", Map.of("le", "0.1"), 2, 2.0);
                assertSeries(page, "http_latency_bucket", Map.of("le", "1"), 2, 4.0);
                assertSeries(page, "http_latency_bucket", Map.of("le", "+Inf"), 2, 4.0);
                // Besides ours, at most the SDK's own telemetry about its exporter (otel.sdk.*).
                List<String> names = page.getList("items.name");
                assertEquals(7, names.stream().filter(n -> !n.startsWith("otel_sdk_")).count(), "no other series: " + names);
            });
        } finally {
            provider.shutdown().join(30, TimeUnit.SECONDS); // exports nothing more: the reader only exports when asked
        }
    }

    /**
     * A metric reader that collects and exports exactly when the test calls {@link #export()}, on the test's thread,
     * and answers with the exporter's own result: failed, with the server's status in its throwable, when the HTTP
     * export was refused.
     *
     * <p>Not the SDK's {@code PeriodicMetricReader} with {@code forceFlush()}: in SDK 1.60.1 its flush reports success
     * even when the export failed (only a FINE log says so), and it reports the flush done before it marks its exporter
     * free again, on the HTTP client's thread; a second flush that comes in between is dropped as "Exporter busy" and
     * fails with no throwable. That race (fixed upstream in 1.62.0) is what made this test fail now and then on a busy
     * machine with "export 1 failed: null".
     */
    static final class OnDemandReader implements MetricReader {

        private final MetricExporter exporter;
        private volatile CollectionRegistration registration = CollectionRegistration.noop();

        OnDemandReader(MetricExporter exporter) {
            this.exporter = exporter;
        }

        CompletableResultCode export() {
            return exporter.export(registration.collectAllMetrics());
        }

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return exporter.getAggregationTemporality(instrumentType);
        }

        @Override
        public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
            return exporter.getDefaultAggregation(instrumentType);
        }

        @Override
        public MemoryMode getMemoryMode() {
            return exporter.getMemoryMode();
        }

        @Override
        public CompletableResultCode forceFlush() {
            return exporter.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return exporter.shutdown();
        }
    }

    /**
     * Why an export failed: the HTTP status and body the server answered, or what kept the request from being made.
     * The exporter hands the response over in its own (internal) exception type; the SDK also logs the status as a
     * WARNING of {@code io.opentelemetry.exporter.internal.http.HttpExporter}.
     */
    static String describe(CompletableResultCode result) {
        Throwable failure = result.getFailureThrowable();
        if (failure instanceof FailedExportException.HttpExportException http && http.failedWithResponse()) {
            HttpResponse response = http.getResponse();
            return "HTTP " + response.getStatusCode() + " " + new String(response.getResponseBody(), StandardCharsets.UTF_8);
        }
        return failure == null ? (result.isDone() ? "no reason given" : "no answer within 30 s") : failure.toString();
    }

    @Test
    void jsonRequestKeepsTheValidPointsAndReportsTheInvalidAsPartialSuccess() {
        long now = Instant.now().toEpochMilli() * 1_000_000L;
        String body = """
                {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"%s"}}]},
                 "scopeMetrics":[{"metrics":[
                  {"name":"queue.depth","gauge":{"dataPoints":[
                    {"timeUnixNano":"%d","asInt":"7","attributes":[{"key":"k8s.pod","value":{"stringValue":"a"}}]},
                    {"asDouble":1.5}]}},
                  {"name":"jobs.done","sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[
                    {"timeUnixNano":"%d","asInt":"4"}]}}]}]}]}
                """.formatted(service, now, now);
        given().auth().oauth2(tokens.get(As.INGEST)).contentType("application/json").body(body).post("/v1/metrics")
                .then().statusCode(200).contentType(startsWith("application/json"))
                .body("partialSuccess.rejectedDataPoints", equalTo("1"))
                .body("partialSuccess.errorMessage", containsString("dataPoints[1].timeUnixNano"));
        // The delta sum is a gauge of the delta: no _total.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath page = series();
            assertSeries(page, "queue_depth", Map.of("k8s_pod", "a"), 1, 7.0);
            assertSeries(page, "jobs_done", Map.of(), 1, 4.0);
            assertEquals(2, page.getInt("total"));
        });
    }

    @Test
    void wrongMediaTypeIsAProblemNamingTheHeaderAndNoTokenIsRefused() {
        given().auth().oauth2(tokens.get(As.INGEST)).contentType("text/plain").body("x").post("/v1/metrics")
                .then().statusCode(415).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("Content-Type"));
        given().auth().oauth2(tokens.get(As.INGEST)).contentType("application/x-protobuf").body(new byte[] {(byte) 0xff, 1})
                .post("/v1/metrics").then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("body"));
        given().contentType("application/x-protobuf").body(new byte[0]).post("/v1/metrics").then().statusCode(401);
        given().auth().oauth2(tokens.get(As.VIEWER)).contentType("application/x-protobuf").body(new byte[0])
                .post("/v1/metrics").then().statusCode(403);
    }

    @Test
    void gzipBodiesAreReadAndOneThatUncompressesPastTheLimitIsRefusedUnread() throws IOException {
        String body = """
                {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"%s"}}]},
                 "scopeMetrics":[{"metrics":[{"name":"up","gauge":{"dataPoints":[{"timeUnixNano":"%d","asDouble":1}]}}]}]}]}
                """.formatted(service, Instant.now().toEpochMilli() * 1_000_000L);
        given().auth().oauth2(tokens.get(As.INGEST)).contentType("application/json").header("Content-Encoding", "gzip")
                .body(gzip(body.getBytes(StandardCharsets.UTF_8))).post("/v1/metrics")
                .then().statusCode(200).body("partialSuccess", equalTo(null));
        // 40 MB of zeros compress to about 40 kB, well under the body limit; uncompressed they pass the 32 MiB default.
        given().auth().oauth2(tokens.get(As.INGEST)).contentType("application/json").header("Content-Encoding", "gzip")
                .body(gzip(new byte[40_000_000])).post("/v1/metrics")
                .then().statusCode(413).contentType(startsWith("application/problem+json"))
                .body("errors[0].reason", equalTo("payload_too_large"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertSeries(series(), "up", Map.of(), 1, 1.0));
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private JsonPath series() {
        return given().auth().oauth2(tokens.get(As.VIEWER)).queryParam("service", service).queryParam("limit", 100)
                .get("/api/v1/series").then().statusCode(200).extract().jsonPath();
    }

    static void assertSeries(JsonPath page, String name, Map<String, String> labels, long count, double lastValue) {
        List<Map<String, Object>> items = page.getList("items");
        Map<String, Object> found = items.stream()
                .filter(i -> name.equals(i.get("name")) && labels.equals(i.get("labels")))
                .findFirst().orElseThrow(() -> new AssertionError(name + labels + " not among " + items));
        assertEquals(count, ((Number) found.get("count")).longValue(), name + labels);
        assertEquals(lastValue, ((Number) found.get("lastValue")).doubleValue(), 1e-6, name + labels); // JsonPath reads decimals as float
    }
}
