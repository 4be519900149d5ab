package dev.vigil.gate.service;

import dev.vigil.gate.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The last samples of every series, in memory, for the gate's SLO and canary checks: a ring of at most
 * {@code maxPoints} points per series, of which only those younger than {@code maxAge} (measured from the series'
 * newest point) are read. At most {@code maxSeries} series are kept; samples of further series are dropped and
 * counted ({@link #droppedSeries()}).
 *
 * <p>Environments: metric samples carry no environment of their own. A sample belongs to an environment when its
 * {@code environmentLabel} label equals it, or when it has no such label (a series not split by environment
 * matches every environment).
 *
 * <p>Limitation: the buffer is per replica and there is no samples store to fall back on. With several replicas
 * each one holds the series of the Kafka partitions it consumes (partitioned by series key), so a gate evaluated on
 * one replica sees only those series: an SLO aggregate silently covers a subset, a canary may lack one side.
 * docs/gate-server.md ("Evidence") and helm/vigil/README.md spell out the consequences.
 */
public final class RecentSamples implements Evidence.Metrics {

    /** Bounds of the buffer. */
    public record Options(int maxPoints, Duration maxAge, int maxSeries, String environmentLabel) {
        public Options {
            if (maxPoints < 1) {
                throw new IllegalArgumentException("maxPoints must be at least 1, got " + maxPoints);
            }
            if (maxAge == null || maxAge.isZero() || maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must be a duration > 0, got " + maxAge);
            }
            if (maxSeries < 1) {
                throw new IllegalArgumentException("maxSeries must be at least 1, got " + maxSeries);
            }
            Objects.requireNonNull(environmentLabel, "environmentLabel");
        }
    }

    private final Options options;
    /** service -> metric -> labels -> ring (nested, so that the hot path builds no key objects). */
    private final Map<String, Map<String, Map<Map<String, String>, Ring>>> series = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    public RecentSamples(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Keeps one sample; labels must not change afterwards (MetricSample's are unmodifiable). */
    public void add(String service, String metric, Map<String, String> labels, Instant timestamp, double value) {
        Map<String, Map<Map<String, String>, Ring>> byMetric = series.get(service);
        if (byMetric == null) {
            byMetric = series.computeIfAbsent(service, k -> new ConcurrentHashMap<>());
        }
        Map<Map<String, String>, Ring> byLabels = byMetric.get(metric);
        if (byLabels == null) {
            byLabels = byMetric.computeIfAbsent(metric, k -> new ConcurrentHashMap<>());
        }
        Ring ring = byLabels.get(labels);
        if (ring == null) {
            if (count.get() >= options.maxSeries()) {
                dropped.incrementAndGet();
                return;
            }
            ring = byLabels.computeIfAbsent(labels, k -> {
                count.incrementAndGet();
                return new Ring(options.maxPoints());
            });
        }
        ring.add(timestamp.toEpochMilli(), value);
    }

    @Override
    public double[] samples(Evidence.SeriesSelector selector, Instant from, Instant to) {
        Map<String, Map<Map<String, String>, Ring>> byMetric = series.get(selector.service());
        Map<Map<String, String>, Ring> byLabels = byMetric == null ? null : byMetric.get(selector.metric());
        if (byLabels == null) {
            return new double[0];
        }
        List<long[]> times = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        int total = 0;
        for (Map.Entry<Map<String, String>, Ring> e : byLabels.entrySet()) {
            if (matches(e.getKey(), selector)) {
                Ring.Slice slice = e.getValue().slice(from.toEpochMilli(), to.toEpochMilli(), options.maxAge().toMillis());
                times.add(slice.times());
                values.add(slice.values());
                total += slice.times().length;
            }
        }
        return merge(times, values, total);
    }

    private boolean matches(Map<String, String> labels, Evidence.SeriesSelector selector) {
        String env = labels.get(options.environmentLabel());
        if (env != null && !env.equals(selector.environment())) {
            return false;
        }
        for (Map.Entry<String, String> want : selector.labels().entrySet()) {
            if (!want.getValue().equals(labels.get(want.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** All points of the matching series, in time order. */
    private static double[] merge(List<long[]> times, List<double[]> values, int total) {
        if (times.size() == 1) {
            return values.get(0);
        }
        long[][] points = new long[total][];
        double[] flatValues = new double[total];
        int n = 0;
        for (int s = 0; s < times.size(); s++) {
            for (int i = 0; i < times.get(s).length; i++) {
                points[n] = new long[] {times.get(s)[i], n};
                flatValues[n] = values.get(s)[i];
                n++;
            }
        }
        Arrays.sort(points, (a, b) -> Long.compare(a[0], b[0]));
        double[] out = new double[total];
        for (int i = 0; i < total; i++) {
            out[i] = flatValues[(int) points[i][1]];
        }
        return out;
    }

    /** Series held now. */
    public int seriesCount() {
        return count.get();
    }

    /** Samples dropped because {@code maxSeries} series were already held. */
    public int droppedSeries() {
        return dropped.get();
    }

    /** A fixed-size ring of (epoch millis, value); writers and readers synchronise on it. */
    static final class Ring {
        record Slice(long[] times, double[] values) {
        }

        private final int capacity;
        private long[] times;
        private double[] values;
        private int next;
        private int size;
        private long newest = Long.MIN_VALUE;

        /** Starts small and grows up to {@code capacity}, so that sparse series stay cheap. */
        Ring(int capacity) {
            this.capacity = capacity;
            int initial = Math.min(capacity, 16);
            times = new long[initial];
            values = new double[initial];
        }

        synchronized void add(long time, double value) {
            if (size == times.length && size < capacity) {
                grow();
            }
            times[next] = time;
            values[next] = value;
            next = (next + 1) % times.length;
            size = Math.min(size + 1, times.length);
            newest = Math.max(newest, time);
        }

        /** Doubles the arrays; only called while not yet wrapped (size == length means next == 0). */
        private void grow() {
            int length = Math.min(capacity, times.length * 2);
            times = Arrays.copyOf(times, length);
            values = Arrays.copyOf(values, length);
            next = size;
        }

        /** Points within [from, to] and not older than maxAge before the newest point, in time order. */
        synchronized Slice slice(long from, long to, long maxAgeMillis) {
            long lower = Math.max(from, newest - maxAgeMillis);
            long[][] picked = new long[size][];
            int n = 0;
            int start = (next - size + times.length) % times.length;
            for (int k = 0; k < size; k++) {
                int i = (start + k) % times.length;
                if (times[i] >= lower && times[i] <= to) {
                    picked[n++] = new long[] {times[i], i};
                }
            }
            long[][] inRange = Arrays.copyOf(picked, n);
            Arrays.sort(inRange, (a, b) -> Long.compare(a[0], b[0]));
            long[] t = new long[n];
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                t[k] = inRange[k][0];
                v[k] = values[(int) inRange[k][1]];
            }
            return new Slice(t, v);
        }
    }
}
