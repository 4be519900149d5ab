package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceModelTrainerTest {

    private final ServiceModelTrainer trainer = new ServiceModelTrainer(ServiceModelTrainer.Options.defaults());

    @Test
    void staysOnColdStartUntilEnoughDeploysAreLabelled() {
        var outcome = trainer.train("checkout", SyntheticDeploys.generate(60, 1), SyntheticDeploys.T0);
        var stay = assertInstanceOf(ServiceModelTrainer.StayColdStart.class, outcome);
        assertTrue(stay.reason().startsWith("checkout has 60 labelled deploys"), stay.reason());
    }

    @Test
    void unknownOutcomesAreNotLabels() {
        List<LabeledDeploy> running = SyntheticDeploys.generate(200, 2).stream()
                .map(d -> new LabeledDeploy(d.deployId(), d.at(), d.change(), d.service(), DeployOutcome.UNKNOWN,
                        false)).toList();
        assertInstanceOf(ServiceModelTrainer.StayColdStart.class,
                trainer.train("checkout", running, SyntheticDeploys.T0));
    }

    @Test
    void trainsAVersionedModelOverChangeAndServiceFeatures() {
        var trained = assertInstanceOf(ServiceModelTrainer.Trained.class,
                trainer.train("checkout", SyntheticDeploys.generate(300, 3), SyntheticDeploys.T0));
        ChangeRiskModel model = trained.result().model();
        assertEquals(DeployFeatures.NAMES, model.featureNames());
        assertTrue(model.version().startsWith("checkout-"), model.version());
        assertEquals(60, trained.result().report().validationRows());
        assertEquals(model.predict(new double[20]), ModelCodec.fromJson(ModelCodec.toJson(model))
                .predict(new double[20]));
    }

    @Test
    void anAnomalyAttributedToADeployMakesItAFailure() {
        LabeledDeploy d = SyntheticDeploys.generate(1, 4).get(0);
        var flagged = new LabeledDeploy(d.deployId(), d.at(), d.change(), d.service(), DeployOutcome.UNKNOWN, true);
        assertTrue(flagged.isLabelled() && flagged.failed());
    }
}
