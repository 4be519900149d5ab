package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeRiskTrainerTest {

    private static final Instant TRAINED_AT = Instant.parse("2026-11-25T08:00:00Z");
    private final ChangeRiskTrainer trainer = new ChangeRiskTrainer(ChangeRiskTrainer.Options.defaults());

    @Test
    void keepsTheCandidateWithTheBetterValidationAucAndNamesIt() {
        var result = trainer.train(TrainingSet.ofChanges(SyntheticChanges.generate(1500, 3)), "test", TRAINED_AT);
        var report = result.report();
        double best = Math.max(report.logisticValidationAuc(), report.treesValidationAuc());
        double winnerAuc = report.winner().equals(LogisticRiskModel.KIND)
                ? report.logisticValidationAuc() : report.treesValidationAuc();
        assertEquals(best, winnerAuc);
        assertEquals(result.model().kind(), report.winner());
        assertEquals(1200, report.trainRows());
        assertEquals(300, report.validationRows());
        assertTrue(result.model().version().startsWith("test-"), result.model().version());
        assertTrue(result.model().version().contains("-20261125-"), result.model().version());
    }

    @Test
    void theWinnerShipsWithTheCalibrationFittedOnTheValidationTailAndItsReliabilityTable() {
        var result = trainer.train(TrainingSet.ofChanges(SyntheticChanges.generate(1500, 3)), "test", TRAINED_AT);
        var report = result.report();

        assertEquals(report.calibration(), result.model().calibration());
        Reliability table = result.model().reliability().orElseThrow();
        assertEquals(300, table.rows(), "the validation tail, not the fit rows");
        assertEquals(300, table.bins().stream().mapToInt(Reliability.Bin::count).sum());
        assertEquals(report.calibratedValidationBrier(), table.brier(), 1e-12);
        assertTrue(report.calibratedValidationBrier() <= report.rawValidationBrier() + 1e-12,
                "a maximum-likelihood fit on the tail cannot do worse there than the identity: " + report.summary());
        assertTrue(report.summary().contains("validation Brier"), report.summary());
    }

    @Test
    void theLogisticModelLearnsTheDirectionOfTheSignal() {
        TrainingSet data = TrainingSet.ofChanges(SyntheticChanges.generate(1500, 3));
        ChangeRiskModel model = trainer.fitLogistic(data, "v");
        assertTrue(model.predict(SyntheticChanges.lines(2000, 50)) > model.predict(SyntheticChanges.lines(5, 50)));
        assertTrue(model.predict(SyntheticChanges.lines(100, 5)) > model.predict(SyntheticChanges.lines(100, 5000)));
    }

    @Test
    void explanationsPutTheDrivingFeatureFirstWithItsDirection() {
        TrainingSet data = TrainingSet.ofChanges(SyntheticChanges.generate(1500, 3));
        for (ChangeRiskModel model : List.of(trainer.fitLogistic(data, "v"), trainer.fitTrees(data, "v"))) {
            List<FeatureContribution> why = model.explain(SyntheticChanges.lines(5000, 50));
            assertEquals("la", why.get(0).feature(), model.kind() + ": " + why);
            assertEquals(FeatureContribution.Direction.RAISES, why.get(0).direction());
            assertTrue(why.get(0).sentence().startsWith("la = 5000 (lines added) raises the risk"),
                    why.get(0).sentence());
        }
    }

    @Test
    void treeExplanationsAddUpToTheLogOddsAboveTheAverage() {
        TrainingSet data = TrainingSet.ofChanges(SyntheticChanges.generate(800, 5));
        ChangeRiskModel trees = trainer.fitTrees(data, "v");
        double[] offsets = new double[3];
        for (int i = 0; i < 3; i++) {
            double[] row = data.x()[i * 100];
            double p = trees.predict(row);
            double sum = trees.explain(row).stream().mapToDouble(FeatureContribution::contribution).sum();
            offsets[i] = Math.log(p / (1 - p)) - sum;
        }
        // the remainder is the model's average log-odds: the same for every row
        assertEquals(offsets[0], offsets[1], 1e-9);
        assertEquals(offsets[0], offsets[2], 1e-9);
    }

    @Test
    void refusesTooFewRows() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(TrainingSet.ofChanges(SyntheticChanges.generate(30, 1)), "t", TRAINED_AT));
        assertEquals("expected at least 50 labelled rows, got 30", e.getMessage());
    }

    @Test
    void trainingSetRejectsRowsOutOfTimeOrder() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TrainingSet(List.of("la"),
                new double[][] {{1}, {2}}, new int[] {0, 1}, new long[] {20, 10}));
        assertTrue(e.getMessage().startsWith("rows must be ordered by time"), e.getMessage());
    }
}
