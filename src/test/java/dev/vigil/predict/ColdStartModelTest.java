package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.git.ChangeFeatures;
import org.junit.jupiter.api.Test;

class ColdStartModelTest {

    private final ChangeRiskModel model = ColdStartModel.load();

    @Test
    void theShippedModelLoadsAsAVersionedLogisticModelOverTheFourteenFeatures() {
        assertEquals(LogisticRiskModel.KIND, model.kind());
        assertTrue(model.version().startsWith("coldstart-jit-lr-"), model.version());
        assertEquals(ChangeFeatures.NAMES, model.featureNames());
    }

    @Test
    void aLargeChangeByANewcomerIsRiskierThanATinyChangeByAVeteran() {
        double big = model.predict(SyntheticChanges.lines(3000, 2));
        double tiny = model.predict(SyntheticChanges.lines(3, 3000));
        assertTrue(big > 0.5 && tiny < 0.2, "big " + big + ", tiny " + tiny);
        assertEquals("la", model.explain(SyntheticChanges.lines(3000, 2)).get(0).feature());
    }

    @Test
    void survivesARoundTripThroughTheCodec() {
        assertEquals(model, ModelCodec.fromJson(ModelCodec.toJson(model)));
    }
}
