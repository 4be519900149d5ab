package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.git.ChangeFeatures;
import dev.vigil.git.CommitFeatures;
import dev.vigil.git.FeatureFlag;
import dev.vigil.git.RangeFeatures;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeployRiskPredictorTest {

    private static final ServiceFeatures CALM = new ServiceFeatures(0, 1, 365, 0, 10, 2);
    private static final ChangeFeatures BIG = ChangeFeatures.of(SyntheticChanges.lines(3000, 2));
    private static final ChangeFeatures TINY = ChangeFeatures.of(SyntheticChanges.lines(3, 3000));

    private final DeployRiskPredictor coldOnly = new DeployRiskPredictor(ColdStartModel.load(),
            service -> Optional.empty(), DeployRiskPredictor.Options.defaults());

    @Test
    void withoutAServiceModelTheColdStartModelScoresAndSaysSo() {
        Prediction p = coldOnly.predict("checkout", BIG, CALM);
        assertTrue(p.coldStart());
        assertTrue(p.modelVersion().startsWith("coldstart-jit-lr-"));
        assertTrue(p.note().startsWith("cold start: checkout has no trained model yet"), p.note());
        assertEquals(RiskLevel.HIGH, p.riskLevel());
        assertEquals(5, p.explanations().size());
        Explanation first = p.explanations().get(0);
        assertEquals("la", first.feature());
        assertEquals(FeatureContribution.Direction.RAISES, first.direction());
        assertTrue(first.sentence().contains("lines added"), first.sentence());
    }

    @Test
    void aColdStartRangeIsTheChanceThatAtLeastOneCommitIsDefectiveWithTheRiskiestCommitsReasons() {
        ChangeRiskModel model = ColdStartModel.load();
        RangeFeatures range = new RangeFeatures("base", "base", "c3", List.of(
                commit("c3", TINY, Set.of()), commit("merge", BIG, Set.of(FeatureFlag.MERGE)),
                commit("c2", BIG, Set.of()), commit("c1", TINY, Set.of())), BIG, Set.of(FeatureFlag.MERGE));

        Prediction p = coldOnly.predict("checkout", range, CALM);

        double tiny = model.predict(TINY.toArray());
        double big = model.predict(BIG.toArray());
        assertEquals(DeployRisk.DEFAULT.combine(new double[] {tiny, big, tiny}), p.probability(), 1e-12,
                "the merge commit is left out, as in the range aggregate");
        assertTrue(p.probability() >= big && p.probability() <= 1 - (1 - tiny) * (1 - big) * (1 - tiny));
        assertTrue(p.note().contains("each of the 3 commits"), p.note());
        assertTrue(p.note().contains("riskiest commit c2"), p.note());
        assertEquals(model.explain(BIG.toArray()).get(0).feature(), p.explanations().get(0).feature());
        assertTrue(p.summary().contains("; riskiest commit c2 touches"), p.summary());
        assertTrue(p.explanations().get(0).reason().endsWith("(raises the risk)"), p.explanations().get(0).reason());
    }

    private static CommitFeatures commit(String id, ChangeFeatures features, Set<FeatureFlag> flags) {
        return new CommitFeatures(id, "dev@example.com", 1_700_000_000L, List.of(), features, flags);
    }

    @Test
    void aTinyChangeByAVeteranIsLowRisk() {
        assertEquals(RiskLevel.LOW, coldOnly.predict("checkout", TINY, CALM).riskLevel());
    }

    @Test
    void aTrainedServiceModelTakesOverWithServiceFeatures() {
        var trained = (ServiceModelTrainer.Trained) new ServiceModelTrainer(ServiceModelTrainer.Options.defaults())
                .train("checkout", SyntheticDeploys.generate(300, 9), SyntheticDeploys.T0);
        var predictor = new DeployRiskPredictor(ColdStartModel.load(),
                service -> service.equals("checkout") ? Optional.of(trained.result().model()) : Optional.empty(),
                DeployRiskPredictor.Options.defaults());
        Prediction own = predictor.predict("checkout", TINY, CALM);
        assertFalse(own.coldStart());
        assertEquals(trained.result().model().version(), own.modelVersion());
        assertTrue(predictor.predict("search", TINY, CALM).coldStart());
    }

    @Test
    void riskLevelsFollowTheDocumentedCutOffs() {
        RiskLevel.Thresholds t = RiskLevel.Thresholds.defaults();
        assertEquals(RiskLevel.LOW, t.of(0.299));
        assertEquals(RiskLevel.MEDIUM, t.of(0.30));
        assertEquals(RiskLevel.HIGH, t.of(0.60));
        assertThrows(IllegalArgumentException.class, () -> new RiskLevel.Thresholds(0.7, 0.6));
    }

    @Test
    void aServiceModelWithTheWrongFeaturesIsRefused() {
        var predictor = new DeployRiskPredictor(ColdStartModel.load(), s -> Optional.of(ColdStartModel.load()),
                DeployRiskPredictor.Options.defaults());
        var e = assertThrows(IllegalStateException.class, () -> predictor.predict("checkout", TINY, CALM));
        assertTrue(e.getMessage().contains("expects features"), e.getMessage());
    }
}
