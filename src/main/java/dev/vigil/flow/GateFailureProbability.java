package dev.vigil.flow;

import dev.vigil.core.ChangeSummary;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.gate.Evidence;
import dev.vigil.gate.GateRequest;
import dev.vigil.predict.service.PredictionInput;
import dev.vigil.predict.service.PredictionRecord;
import dev.vigil.predict.service.PredictionRepository;
import dev.vigil.predict.service.PredictionService;
import dev.vigil.predict.service.ServiceHistory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The gate's failure-probability port. For a release Vigil has already predicted (the deploy of the request's
 * service, environment and version started with the same commit) it answers with that prediction, so the gate and
 * the API agree; otherwise it predicts now (stored with source {@code request}). The repository comes from the
 * request, else from the deploy record. When no prediction can be made it throws, so the check is ERROR and the
 * policy's {@code onError} decides; it never guesses. {@link #known} reads what is known of a release, without ever predicting: the deploy's
 * prediction (risk band and change), else the newest one a gate asked for (change only).
 *
 * <p>Wiring: {@code new GateEvaluator(anomalies, metrics, releases, Optional.of(gateFailureProbability))}.
 */
@ApplicationScoped
public class GateFailureProbability implements Evidence.FailureProbability {

    /** Predictions of one deploy or release looked through for the commit: a few at most are ever made. */
    private static final int RECENT = 10;

    private final PredictionService service;
    private final PredictionRepository predictions;
    private final ServiceHistory history;
    private final Clock clock;

    public GateFailureProbability(PredictionService service, PredictionRepository predictions, ServiceHistory history,
                                  Clock clock) {
        this.service = service;
        this.predictions = predictions;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public double of(GateRequest request) {
        Optional<DeployRecord> deploy = history.find(request.service(), request.environment(), request.version());
        Optional<PredictionRecord> made = deploy.flatMap(d -> stored(d, request.commit()));
        if (made.isPresent()) {
            return made.get().probability();
        }
        String repository = request.repository() != null ? request.repository()
                : deploy.map(DeployRecord::repository).orElse(null);
        if (repository == null) {
            throw new IllegalStateException("no repository known for " + request.service() + " "
                    + request.version() + ": send 'repository' with the gate request");
        }
        PredictionRecord record = service.predictNow(new PredictionInput(deploy.map(DeployRecord::id).orElse(null),
                PredictionRecord.Source.REQUEST, request.service(), request.environment(), request.version(),
                repository, request.previousCommit(), request.commit(),
                request.deployedAt() != null ? request.deployedAt() : clock.instant()));
        if (!record.ok()) {
            throw new IllegalStateException("no failure prediction for " + request.service() + " "
                    + request.version() + " (prediction " + record.id() + "): " + record.reason());
        }
        return record.probability();
    }

    /**
     * One read for the gate answer: the deploy's stored prediction (its probability picks the risk band, its change
     * is shown), else, for the change only, the newest prediction a gate asked for this release.
     */
    @Override
    public Evidence.KnownPrediction known(GateRequest request) {
        Optional<PredictionRecord> ofDeploy = history.find(request.service(), request.environment(), request.version())
                .flatMap(d -> stored(d, request.commit()));
        Optional<ChangeSummary> change = ofDeploy
                .or(() -> predictions.latestOkOfRelease(request.service(), request.environment(), request.version(),
                        request.commit(), RECENT))
                .flatMap(PredictionRecord::changeSummary);
        return new Evidence.KnownPrediction(ofDeploy.map(p -> OptionalDouble.of(p.probability()))
                .orElseGet(OptionalDouble::empty), change);
    }

    /** The prediction stored for the deploy of the request (same service, environment, version and commit), if any. */
    private Optional<PredictionRecord> stored(DeployRecord deploy, String commit) {
        return predictions.latestOkOfDeploy(deploy.id(), commit, RECENT);
    }
}
