package dev.vigil.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns an OTLP metrics export into Vigil records, one per series point, named as Prometheus' OTLP receiver
 * names them (README, "OpenTelemetry (OTLP) metrics"):
 *
 * <ul>
 *   <li>gauge: {@code name};</li>
 *   <li>cumulative monotonic sum: {@code name_total} carrying the cumulative value, i.e. a Prometheus counter
 *       (detectors read it with {@code valueKind: counter}, which takes the rate); any other sum (delta, or not
 *       monotonic) is a gauge {@code name} of the value as sent, so a delta sum is a gauge of the delta;</li>
 *   <li>histogram: {@code name_count}, {@code name_sum} and {@code name_bucket{le=...}} with cumulative bucket
 *       counts ending at {@code le="+Inf"}; exponential histogram: {@code name_count} and {@code name_sum} only;
 *       summary: {@code name_count}, {@code name_sum} and {@code name{quantile=...}}.</li>
 * </ul>
 *
 * The resource attribute {@code service.name} is the service; the data point's attributes, and the resource
 * attributes named in {@code resourceLabels}, are labels. Points flagged "no recorded value" are skipped.
 */
public final class OtlpMetricsConverter {

    static final String SERVICE_NAME = "service.name";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Set<String> resourceLabels;

    public OtlpMetricsConverter(List<String> resourceLabels) {
        this.resourceLabels = Set.copyOf(resourceLabels);
    }

    public List<ConvertedPoint> convert(ExportMetricsServiceRequest request) {
        List<ConvertedPoint> points = new ArrayList<>();
        for (int r = 0; r < request.getResourceMetricsCount(); r++) {
            resource(request.getResourceMetrics(r), "resourceMetrics[" + r + "]", points);
        }
        return points;
    }

    private void resource(ResourceMetrics rm, String path, List<ConvertedPoint> out) {
        String service = null;
        List<KeyValue> promoted = new ArrayList<>();
        for (KeyValue kv : rm.getResource().getAttributesList()) {
            if (kv.getKey().equals(SERVICE_NAME)) {
                service = kv.getValue().getStringValue().trim();
            } else if (resourceLabels.contains(kv.getKey())) {
                promoted.add(kv);
            }
        }
        for (int s = 0; s < rm.getScopeMetricsCount(); s++) {
            ScopeMetrics sm = rm.getScopeMetrics(s);
            for (int m = 0; m < sm.getMetricsCount(); m++) {
                String metricPath = path + ".scopeMetrics[" + s + "].metrics[" + m + "]";
                Scope scope = new Scope(service, promoted, metricPath, path + ".resource.attributes." + SERVICE_NAME, out);
                metric(sm.getMetrics(m), scope);
            }
        }
    }

    /** What every point of one metric shares, and where its points go. */
    private record Scope(String service, List<KeyValue> resourceAttributes, String path, String servicePath,
            List<ConvertedPoint> out) {
    }

    private void metric(Metric metric, Scope scope) {
        String name = LabelNames.metric(metric.getName());
        switch (metric.getDataCase()) {
            case GAUGE -> numbers(metric.getGauge().getDataPointsList(), name, scope.path() + ".gauge", scope);
            case SUM -> {
                boolean counter = metric.getSum().getIsMonotonic() && metric.getSum().getAggregationTemporality()
                        == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
                String seriesName = counter && !name.endsWith("_total") ? name + "_total" : name;
                numbers(metric.getSum().getDataPointsList(), seriesName, scope.path() + ".sum", scope);
            }
            case HISTOGRAM -> {
                List<HistogramDataPoint> dps = metric.getHistogram().getDataPointsList();
                for (int i = 0; i < dps.size(); i++) {
                    histogram(dps.get(i), name, scope.path() + ".histogram.dataPoints[" + i + "]", scope);
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                List<ExponentialHistogramDataPoint> dps = metric.getExponentialHistogram().getDataPointsList();
                for (int i = 0; i < dps.size(); i++) {
                    ExponentialHistogramDataPoint dp = dps.get(i);
                    String path = scope.path() + ".exponentialHistogram.dataPoints[" + i + "]";
                    if (!noValue(dp.getFlags())) {
                        Point point = new Point(name, path, dp.getAttributesList(), dp.getTimeUnixNano(), scope);
                        point.emit("_count", null, null, dp.getCount());
                        if (dp.hasSum()) {
                            point.emit("_sum", null, null, dp.getSum());
                        }
                    }
                }
            }
            case SUMMARY -> {
                List<SummaryDataPoint> dps = metric.getSummary().getDataPointsList();
                for (int i = 0; i < dps.size(); i++) {
                    summary(dps.get(i), name, scope.path() + ".summary.dataPoints[" + i + "]", scope);
                }
            }
            default -> scope.out().add(ConvertedPoint.rejected(scope.path(), new Rejection(Rejection.MISSING_FIELD,
                    scope.path() + ".data", "metric '" + metric.getName() + "' has no gauge, sum, histogram or summary")));
        }
    }

    private void numbers(List<NumberDataPoint> dps, String name, String path, Scope scope) {
        for (int i = 0; i < dps.size(); i++) {
            NumberDataPoint dp = dps.get(i);
            String pointPath = path + ".dataPoints[" + i + "]";
            if (noValue(dp.getFlags())) {
                continue;
            }
            Point point = new Point(name, pointPath, dp.getAttributesList(), dp.getTimeUnixNano(), scope);
            switch (dp.getValueCase()) {
                case AS_DOUBLE -> point.emit("", null, null, dp.getAsDouble());
                case AS_INT -> point.emit("", null, null, dp.getAsInt());
                default -> scope.out().add(ConvertedPoint.rejected(pointPath, Rejection.missing(pointPath + ".asDouble")));
            }
        }
    }

    private void histogram(HistogramDataPoint dp, String name, String path, Scope scope) {
        if (noValue(dp.getFlags())) {
            return;
        }
        if (dp.getBucketCountsCount() != 0 && dp.getBucketCountsCount() != dp.getExplicitBoundsCount() + 1) {
            scope.out().add(ConvertedPoint.rejected(path, Rejection.invalid(path + ".bucketCounts", "must have one more entry ("
                    + dp.getBucketCountsCount() + ") than explicitBounds (" + dp.getExplicitBoundsCount() + ")")));
            return;
        }
        Point point = new Point(name, path, dp.getAttributesList(), dp.getTimeUnixNano(), scope);
        point.emit("_count", null, null, dp.getCount());
        if (dp.hasSum()) {
            point.emit("_sum", null, null, dp.getSum());
        }
        long cumulative = 0;
        for (int b = 0; b < dp.getBucketCountsCount(); b++) {
            cumulative += dp.getBucketCounts(b);
            String le = b < dp.getExplicitBoundsCount() ? number(dp.getExplicitBounds(b)) : "+Inf";
            point.emit("_bucket", "le", le, cumulative);
        }
    }

    private void summary(SummaryDataPoint dp, String name, String path, Scope scope) {
        if (noValue(dp.getFlags())) {
            return;
        }
        Point point = new Point(name, path, dp.getAttributesList(), dp.getTimeUnixNano(), scope);
        point.emit("_count", null, null, dp.getCount());
        point.emit("_sum", null, null, dp.getSum());
        for (SummaryDataPoint.ValueAtQuantile q : dp.getQuantileValuesList()) {
            point.emit("", "quantile", number(q.getQuantile()), q.getValue());
        }
    }

    /** As Prometheus prints {@code le} and {@code quantile}: {@code 100}, not {@code 100.0}. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static boolean noValue(int flags) {
        return (flags & DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE) != 0;
    }

    /** One OTLP data point, emitting one record per series it stands for (a histogram stands for several). */
    private static final class Point {
        private final String name;
        private final String path;
        private final long timeUnixNano;
        private final Scope scope;
        private final TreeMap<String, String> labels = new TreeMap<>();
        private Rejection rejection;
        private boolean reported;

        Point(String name, String path, List<KeyValue> attributes, long timeUnixNano, Scope scope) {
            this.name = name;
            this.path = path;
            this.timeUnixNano = timeUnixNano;
            this.scope = scope;
            addAll(scope.resourceAttributes(), "resource.attributes");
            addAll(attributes, path + ".attributes");
            if (rejection == null && (scope.service() == null || scope.service().isEmpty())) {
                rejection = Rejection.missing(scope.servicePath());
            }
            if (rejection == null && timeUnixNano <= 0) {
                rejection = Rejection.missing(path + ".timeUnixNano");
            }
        }

        private void addAll(List<KeyValue> attributes, String attributesPath) {
            for (KeyValue kv : attributes) {
                String value = scalar(kv.getValue());
                if (value == null) {
                    rejection = rejection != null ? rejection : Rejection.invalid(attributesPath + "." + kv.getKey(),
                            "must be a string, boolean or number to become a label");
                } else if (!value.isEmpty()) {
                    // Two keys that sanitise alike ("a.b", "a_b") share the label, values joined as Prometheus does.
                    labels.merge(LabelNames.label(kv.getKey()), value, (a, b) -> a + ";" + b);
                }
            }
        }

        void emit(String suffix, String extraLabel, String extraValue, double value) {
            if (rejection != null) {
                if (!reported) { // one rejection per OTLP data point, however many series it stands for
                    scope.out().add(ConvertedPoint.rejected(path, rejection));
                    reported = true;
                }
                return;
            }
            ObjectNode record = NODES.objectNode();
            record.put("service", scope.service());
            record.put("name", name + suffix);
            ObjectNode labelNode = record.putObject("labels");
            labels.forEach(labelNode::put);
            if (extraLabel != null) {
                labelNode.put(extraLabel, extraValue);
            }
            record.put("timestamp", timeUnixNano / 1_000_000L);
            record.put("value", value);
            scope.out().add(ConvertedPoint.of(path, record));
        }

        private static String scalar(AnyValue value) {
            return switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue().trim();
                case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
                case INT_VALUE -> Long.toString(value.getIntValue());
                case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
                case VALUE_NOT_SET -> "";
                default -> null;
            };
        }
    }
}
