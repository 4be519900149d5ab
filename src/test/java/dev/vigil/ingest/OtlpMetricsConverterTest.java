package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OTLP shapes the SDK test does not send: summaries, exponential histograms, odd attributes, flags. */
class OtlpMetricsConverterTest {

    static final long T = 1_764_000_000_000_000_000L;
    final OtlpMetricsConverter converter = new OtlpMetricsConverter(List.of("deployment.environment"));

    @Test
    void summaryBecomesCountSumAndQuantileSeries() {
        Metric summary = Metric.newBuilder().setName("rpc.duration").setSummary(Summary.newBuilder().addDataPoints(
                SummaryDataPoint.newBuilder().setTimeUnixNano(T).setCount(5).setSum(2.5)
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(0.9)))).build();
        List<ConvertedPoint> points = converter.convert(request(resource("checkout", kv("deployment.environment", "prod")), summary));
        assertEquals(List.of("rpc_duration_count", "rpc_duration_sum", "rpc_duration"),
                points.stream().map(p -> p.record().get("name").asText()).toList());
        assertEquals("0.99", points.get(2).record().get("labels").get("quantile").asText());
        assertEquals("prod", points.get(0).record().get("labels").get("deployment_environment").asText());
        assertEquals(T / 1_000_000L, points.get(0).record().get("timestamp").asLong());
    }

    @Test
    void exponentialHistogramKeepsCountAndSumOnly() {
        Metric exp = Metric.newBuilder().setName("size").setExponentialHistogram(ExponentialHistogram.newBuilder()
                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T).setCount(3).setSum(12))).build();
        List<ConvertedPoint> points = converter.convert(request(resource("checkout"), exp));
        assertEquals(List.of("size_count", "size_sum"), points.stream().map(p -> p.record().get("name").asText()).toList());
    }

    @Test
    void arrayAttributeAndMissingServiceAreRejectedNamingTheField() {
        NumberDataPoint withArray = NumberDataPoint.newBuilder().setTimeUnixNano(T).setAsDouble(1)
                .addAttributes(KeyValue.newBuilder().setKey("tags").setValue(AnyValue.newBuilder().setArrayValue(ArrayValue.getDefaultInstance())))
                .build();
        ConvertedPoint array = converter.convert(request(resource("checkout"), gauge(withArray))).get(0);
        assertNull(array.record());
        assertEquals("resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].attributes.tags", array.rejection().field());

        NumberDataPoint plain = NumberDataPoint.newBuilder().setTimeUnixNano(T).setAsDouble(1).build();
        ConvertedPoint noService = converter.convert(request(Resource.getDefaultInstance(), gauge(plain))).get(0);
        assertEquals("resourceMetrics[0].resource.attributes.service.name", noService.rejection().field());
        assertEquals(Rejection.MISSING_FIELD, noService.rejection().reason());
    }

    @Test
    void pointsWithoutARecordedValueAreSkipped() {
        NumberDataPoint empty = NumberDataPoint.newBuilder().setTimeUnixNano(T)
                .setFlags(DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE).build();
        assertEquals(List.of(), converter.convert(request(resource("checkout"), gauge(empty))));
    }

    private static Metric gauge(NumberDataPoint point) {
        return Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder().addDataPoints(point)).build();
    }

    private static Resource resource(String service, KeyValue... more) {
        return Resource.newBuilder().addAttributes(kv("service.name", service)).addAllAttributes(List.of(more)).build();
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static ExportMetricsServiceRequest request(Resource resource, Metric metric) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource)
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric))).build();
    }
}
