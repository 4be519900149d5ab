package dev.vigil.predict.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.git.ChangeFeatures;
import dev.vigil.git.FeatureFlag;
import dev.vigil.git.RangeFeatures;
import dev.vigil.predict.ServiceFeatures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureCodecTest {

    private static final ChangeFeatures CHANGE = new ChangeFeatures(1, 2, 3, 0.5, 120, 40, 500, 1, 2, 10, 3, 20, 5,
            10);
    private static final ServiceFeatures SERVICE = new ServiceFeatures(0.1, 4, 3, 2, 13, 5);

    @Test
    void whatPredictionWritesRetrainingReadsBack() {
        ObjectNode stored = FeatureCodec.write(new RangeFeatures(null, null, "c1", List.of(), CHANGE,
                Set.of(FeatureFlag.MERGE)), SERVICE);
        assertEquals(CHANGE, FeatureCodec.change(stored));
        assertEquals(SERVICE, FeatureCodec.service(stored));
        assertEquals("MERGE", stored.path(FeatureCodec.FLAGS).get(0).asText());
    }

    @Test
    void theStoredFormKeepsItsKeys() {
        ObjectNode stored = FeatureCodec.write(new RangeFeatures(null, null, "c1", List.of(), CHANGE, Set.of()),
                SERVICE);
        assertEquals(ChangeFeatures.NAMES, List.copyOf(iterable(stored.path("change").fieldNames())));
        assertEquals(List.of("failure_rate", "deploys_per_day", "days_since_failure", "open_anomalies",
                "hour_of_day", "day_of_week"), List.copyOf(iterable(stored.path("service").fieldNames())));
    }

    @Test
    void featuresOfAnotherDefinitionAreRefused() {
        ObjectNode stored = FeatureCodec.write(new RangeFeatures(null, null, "c1", List.of(), CHANGE, Set.of()),
                SERVICE);
        ((ObjectNode) stored.path("change")).remove(ChangeFeatures.NAMES.get(0));
        assertThrows(IllegalArgumentException.class, () -> FeatureCodec.change(stored));
    }

    @Test
    void olderRowsWithoutOpenAnomaliesReadZero() {
        ObjectNode stored = FeatureCodec.write(new RangeFeatures(null, null, "c1", List.of(), CHANGE, Set.of()),
                SERVICE);
        ((ObjectNode) stored.path("service")).remove("open_anomalies");
        assertEquals(0, FeatureCodec.service(stored).openAnomalies());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
