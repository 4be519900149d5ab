package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.MetricSample;
import dev.vigil.core.SeriesKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fixtures' day: the parser judges times against this clock, not the machine's. */
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
    static final TimeWindow WINDOW = new TimeWindow(Duration.ofHours(1), Duration.ofDays(30), NOW);
    private final MetricParser parser = new MetricParser(List.of("service", "job", "app"), WINDOW);

    private Parsed<MetricSample> parse(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return parser.parse(node);
    }

    @Test
    void aTimestampFarInTheFutureOrLongAgoIsRejectedNamingTheField() throws Exception {
        for (String t : List.of("9223372036854775807", "\"2026-11-25T09:00:01Z\"", "\"2026-10-25T07:59:59Z\"")) {
            Parsed<MetricSample> p = parse("{\"service\":\"checkout\",\"name\":\"rps\",\"timestamp\":" + t
                    + ",\"value\":1}");
            assertFalse(p.isOk(), t);
            assertEquals(Rejection.OUT_OF_RANGE, p.rejection().reason(), t);
            assertEquals("timestamp", p.rejection().field(), t);
        }
        assertTrue(parse("{\"service\":\"checkout\",\"name\":\"rps\",\"timestamp\":\"2026-11-25T09:00:00Z\",\"value\":1}")
                .isOk(), "up to max-future-skew ahead is kept (clocks drift)");
        Parsed<MetricSample> future = parse("{\"service\":\"checkout\",\"name\":\"rps\",\"timestamp\":\"2027-01-01T00:00:00Z\",\"value\":1}");
        assertTrue(future.rejection().message().contains("max-future-skew"), future.rejection().message());
    }

    @Test
    void readsVigilJsonWithRfc3339Timestamp() throws Exception {
        Parsed<MetricSample> p = parse("""
                {"service":"checkout","name":"http_request_duration_seconds","labels":{"route":"/pay","env":"prod"},
                 "timestamp":"2026-11-25T07:00:00.250Z","value":0.125}""");
        assertTrue(p.isOk());
        assertEquals("vigil", p.format());
        MetricSample s = p.value();
        assertEquals("checkout", s.service());
        assertEquals(Map.of("env", "prod", "route", "/pay"), s.labels());
        assertEquals(Instant.parse("2026-11-25T07:00:00.250Z"), s.timestamp());
        assertEquals(0.125, s.value());
    }

    @Test
    void readsVigilJsonWithEpochMillis() throws Exception {
        Parsed<MetricSample> p = parse("{\"service\":\"a\",\"name\":\"cpu\",\"timestamp\":1795590000000,\"value\":3}");
        assertEquals(Instant.ofEpochMilli(1795590000000L), p.value().timestamp());
        assertEquals(Map.of(), p.value().labels());
    }

    @Test
    void readsPrometheusKafkaAdapterJsonTakingServiceFromJobLabel() throws Exception {
        Parsed<MetricSample> p = parse("""
                {"timestamp":"2026-11-25T07:00:00Z","value":"9.5","name":"up",
                 "labels":{"__name__":"up","job":"payments","instance":"10.0.0.1:9100"}}""");
        assertTrue(p.isOk(), () -> p.rejection().describe());
        assertEquals("payments", p.value().service());
        assertEquals("prometheus", p.format());
        assertEquals(Map.of("instance", "10.0.0.1:9100"), p.value().labels(), "__name__ and the service label are not labels");
        assertEquals(9.5, p.value().value());
    }

    @Test
    void prefersServiceLabelOverJob() throws Exception {
        Parsed<MetricSample> p = parse("""
                {"timestamp":"2026-11-25T07:00:00Z","value":"1","name":"up","labels":{"job":"node","service":"web"}}""");
        assertEquals("web", p.value().service());
        assertEquals(Map.of("job", "node"), p.value().labels());
    }

    @Test
    void rejectsPrometheusSampleWithoutAnyServiceLabel() throws Exception {
        Parsed<MetricSample> p = parse("{\"timestamp\":\"2026-11-25T07:00:00Z\",\"value\":\"1\",\"name\":\"up\",\"labels\":{}}");
        assertFalse(p.isOk());
        assertEquals(Rejection.MISSING_FIELD, p.rejection().reason());
        assertEquals("labels", p.rejection().field());
    }

    @Test
    void rejectsStalenessMarkerNaN() throws Exception {
        Parsed<MetricSample> p = parse("{\"timestamp\":\"2026-11-25T07:00:00Z\",\"value\":\"NaN\",\"name\":\"up\",\"labels\":{\"job\":\"x\"}}");
        assertEquals("value", p.rejection().field());
    }

    @Test
    void namesTheFieldOfEachKindOfMistake() throws Exception {
        assertEquals("value", parse("{\"service\":\"a\",\"name\":\"m\",\"timestamp\":1,\"value\":\"1\"}").rejection().field());
        assertEquals("timestamp", parse("{\"service\":\"a\",\"name\":\"m\",\"timestamp\":\"yesterday\",\"value\":1}").rejection().field());
        assertEquals("name", parse("{\"service\":\"a\",\"name\":\"no spaces\",\"timestamp\":1,\"value\":1}").rejection().field());
        assertEquals("service", parse("{\"service\":5,\"name\":\"m\",\"timestamp\":1,\"value\":1}").rejection().field());
        assertEquals("labels.bad-name", parse("{\"service\":\"a\",\"name\":\"m\",\"labels\":{\"bad-name\":\"x\"},\"timestamp\":1,\"value\":1}").rejection().field());
        assertEquals("value", parse("{\"service\":\"a\",\"name\":\"m\",\"timestamp\":1}").rejection().field());
    }

    @Test
    void seriesKeyIgnoresLabelOrder() {
        SeriesKey a = SeriesKey.of("s", "m", Map.of("a", "1", "b", "2"));
        SeriesKey b = SeriesKey.of("s", "m", new java.util.LinkedHashMap<>(Map.of("b", "2", "a", "1")));
        assertEquals(a.id(), b.id());
        assertEquals("s|m|a=1,b=2", a.canonical());
        assertEquals(32, a.id().length());
    }

    @Test
    void canonicalKeySortsLabelsAsTheSeriesKeyDoes() {
        MetricSample sample = new MetricSample("svc", "m", Map.of("z", "1", "a", "2"), Instant.EPOCH, 1);
        assertEquals("svc|m|a=2,z=1", sample.canonicalKey());
        assertEquals(sample.seriesKey().canonical(), sample.canonicalKey());
        assertEquals("svc|m|", new MetricSample("svc", "m", Map.of(), Instant.EPOCH, 1).canonicalKey());
    }
}
