package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
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
    void anAnomalySoonAfterADeployMakesItAFailure() {
        Instant deploy = Instant.parse("2026-11-25T10:00:00Z");
        Duration window = Duration.ofMinutes(30);
        assertTrue(ServiceModelTrainer.followedByAnomaly(deploy, List.of(deploy.plusSeconds(600)), window));
        assertFalse(ServiceModelTrainer.followedByAnomaly(deploy, List.of(deploy.plusSeconds(3600)), window));
        assertFalse(ServiceModelTrainer.followedByAnomaly(deploy, List.of(deploy.minusSeconds(60)), window));
        LabeledDeploy d = SyntheticDeploys.generate(1, 4).get(0);
        var flagged = new LabeledDeploy(d.deployId(), d.at(), d.change(), d.service(), DeployOutcome.UNKNOWN, true);
        assertTrue(flagged.isLabelled() && flagged.failed());
    }
}
