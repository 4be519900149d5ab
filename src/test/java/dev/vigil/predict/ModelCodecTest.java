package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCodecTest {

    private static final TrainingSet DATA = TrainingSet.ofChanges(SyntheticChanges.generate(400, 7));

    @Test
    void logisticModelRoundTripsWithIdenticalPredictionsAndExplanations() {
        ChangeRiskModel model = LogisticRiskModel.fit("lr-test", DATA.featureNames(), DATA.x(), DATA.y(), 1.0);
        ChangeRiskModel restored = ModelCodec.fromJson(ModelCodec.toJson(model));
        assertEquals(model, restored);
        assertSamePredictions(model, restored);
    }

    @Test
    void treeModelRoundTripsWithIdenticalPredictionsAndExplanations() {
        var options = new BoostedTreesRiskModel.Options(30, 3, 8, 10, 0.1, 0.8, 1);
        ChangeRiskModel model = BoostedTreesRiskModel.fit("gbt-test", DATA.featureNames(), DATA.x(), DATA.y(), options);
        ChangeRiskModel restored = ModelCodec.fromJson(ModelCodec.toJson(model));
        assertInstanceOf(BoostedTreesRiskModel.class, restored);
        assertEquals("gbt-test", restored.version());
        assertSamePredictions(model, restored);
    }

    @Test
    void aStoredTreeModelCarryingAnyOtherJavaClassIsRefusedUnread() throws Exception {
        var options = new BoostedTreesRiskModel.Options(5, 3, 8, 10, 0.1, 0.8, 1);
        String json = ModelCodec.toJson(BoostedTreesRiskModel.fit("gbt-test", DATA.featureNames(), DATA.x(), DATA.y(), options));
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new java.io.File("/etc/passwd")); // any class outside the allow-list stands for a gadget
        }
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        tree.findParents("serialized").forEach(parent -> ((com.fasterxml.jackson.databind.node.ObjectNode) parent)
                .put("serialized", java.util.Base64.getEncoder().encodeToString(bytes.toByteArray())));
        var e = assertThrows(IllegalArgumentException.class, () -> ModelCodec.fromJson(tree.toString()));
        assertTrue(e.getMessage().contains("REJECTED") || e.getMessage().toLowerCase().contains("filter"), e.getMessage());
    }

    @Test
    void refusesAnUnknownFormatVersion() {
        String json = ModelCodec.toJson(LogisticRiskModel.fit("v", DATA.featureNames(), DATA.x(), DATA.y(), 1.0))
                .replace("\"formatVersion\" : 1", "\"formatVersion\" : 99");
        var e = assertThrows(IllegalArgumentException.class, () -> ModelCodec.fromJson(json));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    }

    @Test
    void refusesCoefficientsThatDoNotMatchTheFeatures() {
        String json = """
                {"format":"vigil.change-risk-model","formatVersion":1,"kind":"logistic-regression","version":"v",
                 "features":["la","ld"],
                 "logistic":{"intercept":0,"coefficients":[1],"logMeans":[0,0],"logSds":[1,1]}}""";
        var e = assertThrows(IllegalArgumentException.class, () -> ModelCodec.fromJson(json));
        assertEquals("expected 2 coefficients, got 1", e.getMessage());
    }

    private static void assertSamePredictions(ChangeRiskModel a, ChangeRiskModel b) {
        for (double[] row : List.of(DATA.x()).subList(0, 50)) {
            assertEquals(a.predict(row), b.predict(row));
            assertEquals(a.explain(row), b.explain(row));
        }
    }
}
