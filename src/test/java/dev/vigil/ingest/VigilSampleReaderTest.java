package dev.vigil.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.MetricSample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming read of Vigil's own format must change nothing but speed: every record decodes to the same outcome
 * (the same sample, or the same rejection with the same reason, field and words) as through the tree alone.
 */
class VigilSampleReaderTest {

    private final MetricParser parser = new MetricParser(List.of("service", "job", "app"), MetricParserTest.WINDOW);
    private final RecordDecoder decoder = new RecordDecoder(64 * 1024);

    /** Each field's variants: valid ones first, then mistakes and unusual but valid shapes; null leaves it out. */
    private static final List<List<String>> FIELDS = List.of(
            List.of("\"service\":\"checkout\"", "\"service\":\" padded \"", "\"service\":\"\"", "\"service\":\"no spaces\"",
                    "\"service\":5", "\"service\":null", "\"service\":\"a\",\"service\":\"b\"", "\"service\":\"é\""),
            List.of("\"name\":\"http_requests_total\"", "\"name\":\"9lives\"", "\"name\":[]", "\"name\":\"" + "x".repeat(257) + "\"",
                    "\"name\":\"ok\",\"name\":\"also_ok\""),
            List.of("\"labels\":{\"instance\":\"i-1\",\"az\":\"b\"}", "\"labels\":{}", "\"labels\":null",
                    "\"labels\":{\"service\":\"x\",\"a\":\"b\"}", "\"labels\":{\"bad-name\":\"x\"}", "\"labels\":{\"a\":5}",
                    "\"labels\":{\"a\":\"  \"}", "\"labels\":[]", "\"labels\":{\"a\":\"1\",\"a\":\"2\"}", manyLabels(33),
                    manyLabels(32)),
            List.of("\"timestamp\":1795590000000", "\"timestamp\":\"2026-11-25T07:00:00.250Z\"", "\"timestamp\":1",
                    "\"timestamp\":\"yesterday\"", "\"timestamp\":1.5", "\"timestamp\":99999999999999999999",
                    "\"timestamp\":null", "\"timestamp\":\"2026-11-25T07:00:00+02:00\""),
            List.of("\"value\":0.125", "\"value\":-3e2", "\"value\":7", "\"value\":\"1\"", "\"value\":null",
                    "\"value\":1e400", "\"value\":true", "\"value\":NaN", "\"value\":123456789012345678901234567890"),
            List.of("\"extra\":{\"x\":[1,2,{\"y\":null}]}", "\"extra\":[", "\"extra\":\"s\""));

    @Test
    void everyRecordDecodesAsThroughTheTreeAlone() {
        Random random = new Random(14);
        int direct = 0;
        for (int i = 0; i < 5000; i++) {
            String json = record(random);
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            Parsed<MetricSample> both = decoder.decode(bytes, parser::parseDirect, parser::parse);
            Parsed<MetricSample> tree = decoder.decode(bytes, parser::parse);
            assertEquals(tree, both, json);
            direct += parser.parseDirect(bytes) != null ? 1 : 0;
        }
        assertTrue(direct > 500, "the streaming read took only " + direct + " of 5000 records");
    }

    @Test
    void readsTheUsualShapeWithoutTheTree() {
        Parsed<MetricSample> p = parser.parseDirect(("{\"service\":\"checkout\",\"name\":\"rps\",\"labels\":{\"z\":\"1\","
                + "\"service\":\"dropped\",\"a\":\" 2 \"},\"timestamp\":1795590000000,\"value\":0.5}").getBytes(StandardCharsets.UTF_8));
        assertNotNull(p);
        assertEquals(new MetricSample("checkout", "rps", Map.of("a", "2", "z", "1"), Instant.ofEpochMilli(1795590000000L), 0.5),
                p.value());
        assertEquals("vigil", p.format());
        assertEquals("checkout|rps|a=2,z=1", p.value().canonicalKey());
    }

    @Test
    void leavesOtherFormatsAndMistakesToTheTree() {
        for (String json : List.of(
                "{\"timestamp\":\"2026-11-25T07:00:00Z\",\"value\":\"9.5\",\"name\":\"up\",\"labels\":{\"job\":\"p\"}}",
                "{\"service\":\"a\",\"name\":\"m\",\"timestamp\":1795590000000}",
                "{\"service\":\"a\",\"name\":\"m\",\"timestamp\":1795590000000,\"value\":1} trailing",
                "[1]", "not json")) {
            assertNull(parser.parseDirect(json.getBytes(StandardCharsets.UTF_8)), json);
        }
    }

    @Test
    void judgesTheTimeWindowItself() {
        Parsed<MetricSample> p = parser.parseDirect("{\"service\":\"a\",\"name\":\"m\",\"timestamp\":1,\"value\":1}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(Rejection.OUT_OF_RANGE, p.rejection().reason());
        assertEquals("timestamp", p.rejection().field());
    }

    private static String record(Random random) {
        List<String> parts = new ArrayList<>();
        for (List<String> variants : FIELDS.subList(0, FIELDS.size() - 1)) {
            // Mostly the first (valid) variant, so that many records are valid and many carry one mistake.
            int pick = random.nextInt(4) == 0 ? random.nextInt(variants.size() + 1) : 0;
            if (pick < variants.size()) {
                parts.add(variants.get(pick));
            }
        }
        List<String> extras = FIELDS.get(FIELDS.size() - 1);
        if (random.nextInt(4) == 0) {
            parts.add(extras.get(random.nextInt(extras.size())));
        }
        Collections.shuffle(parts, random);
        String trailing = List.of("", "", "", " ", "\n", " {}", " x").get(random.nextInt(7));
        return "{" + String.join(",", parts) + "}" + trailing;
    }

    private static String manyLabels(int n) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels.add("\"l" + i + "\":\"v\"");
        }
        return "\"labels\":{" + String.join(",", labels) + "}";
    }
}
