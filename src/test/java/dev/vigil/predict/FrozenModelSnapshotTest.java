package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Artefacts written by format version 1 and frozen in src/test/resources/models/frozen must keep loading and
 * predicting the same, whatever the code becomes. Never regenerate these files; add new ones for new versions.
 */
class FrozenModelSnapshotTest {

    private static final double[] CHANGE = SyntheticChanges.lines(500, 20);

    @Test
    void logisticV1StillPredictsTheSame() throws Exception {
        ChangeRiskModel model = load("logistic-v1.json");
        assertEquals("coldstart-jit-lr-20181231-afeafd2e", model.version());
        assertEquals(0.4978359817520184, model.predict(CHANGE), 1e-12);
        assertEquals(1.8525552276509114, model.explain(CHANGE).get(0).contribution(), 1e-12);
        assertEquals(Calibration.IDENTITY, model.calibration(), "written before calibration existed");
    }

    @Test
    void treesV1StillPredictsTheSame() throws Exception {
        ChangeRiskModel model = load("trees-v1.json");
        assertEquals("frozen-gbt-v1", model.version());
        assertEquals(0.6894877235191781, model.predict(CHANGE), 1e-12);
        assertEquals(0.9900412983247762, model.explain(CHANGE).get(0).contribution(), 1e-12);
    }

    private static ChangeRiskModel load(String name) throws Exception {
        try (InputStream in = FrozenModelSnapshotTest.class.getResourceAsStream("/models/frozen/" + name)) {
            return ModelCodec.read(in);
        }
    }
}
