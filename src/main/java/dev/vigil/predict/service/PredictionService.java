package dev.vigil.predict.service;

import dev.vigil.core.DeployEvent;
import dev.vigil.core.DeployStatus;
import dev.vigil.deploy.DeployRecord;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Predicts deploys as they start, off the Kafka consumer thread (a bounded pool: mining a cold range or cloning a
 * repository can take seconds), and on demand. Every outcome is stored: a probability ({@code ok}) or the reason
 * there is none ({@code unavailable}); ingest never fails because of prediction. A deploy whose events so far name no
 * commit or no repository is skipped and counted, since there is nothing to predict from. A deploy is predicted
 * once: a redelivered {@code started} event adds nothing.
 *
 * <p>A deploy first seen already finished (a CDEvents {@code service.deployed} arrives only at the end; so does a
 * deploy whose {@code started} event was lost) is predicted when that event arrives, with the features as of its
 * start ({@link DeployRecord#at}): too late to warn, but it gives the service the history and the training rows
 * that its started deploys would have. A finished event of a deploy that already has a prediction (or one on its
 * way) adds nothing, and {@code removed} is not a release of new code, so it is never predicted.
 */
@ApplicationScoped
public class PredictionService {

    private static final Logger LOG = Logger.getLogger(PredictionService.class);

    private final Predictor predictor;
    private final PredictionRepository predictions;
    private final PredictionMetrics metrics;
    private final Clock clock;
    private final boolean enabled;
    private final ThreadPoolExecutor executor;
    /** Deploys queued or being predicted: a finished event right behind its started event must not predict again. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public PredictionService(Predictor predictor, PredictionRepository predictions, PredictionMetrics metrics,
                             Clock clock, PredictConfig config) {
        this.predictor = predictor;
        this.predictions = predictions;
        this.metrics = metrics;
        this.clock = clock;
        this.enabled = config.enabled();
        int threads = Math.max(1, config.threads());
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.queueCapacity())), r -> {
                    Thread t = new Thread(r, "vigil-predict-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Called by the deploy pipeline after the event is recorded; returns at once. Never throws. */
    public void onDeploy(DeployRecord deploy, DeployEvent event) {
        if (!enabled || event.status() == DeployStatus.REMOVED) {
            return;
        }
        try {
            if (event.status() != DeployStatus.STARTED
                    && (inFlight.contains(deploy.id()) || predictions.existsForDeploy(deploy.id()))) {
                return; // finished after a started event that was (or is being) predicted
            }
            if (deploy.commit() == null || deploy.commit().isBlank()) {
                metrics.skipped("no_commit");
                return;
            }
            // the event's own location first: the stored record has any credentials in its URL redacted
            String repository = event.repository() != null ? event.repository() : deploy.repository();
            if (repository == null || repository.isBlank()) {
                metrics.skipped("no_repository");
                return;
            }
            PredictionInput input = new PredictionInput(deploy.id(), PredictionRecord.Source.DEPLOY, deploy.service(),
                    deploy.environment(), deploy.version(), repository,
                    event.previousCommit() != null ? event.previousCommit() : deploy.previousCommit(), deploy.commit(),
                    deploy.at());
            if (!inFlight.add(deploy.id())) {
                return; // already queued
            }
            try {
                executor.execute(() -> predictDeploy(input));
            } catch (RejectedExecutionException e) {
                inFlight.remove(deploy.id());
                throw e;
            }
        } catch (RejectedExecutionException e) {
            store(overloaded(deploy));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not schedule the prediction of deploy %s", deploy.id());
        }
    }

    /** Predicts now, on the caller's thread, and stores the result (ok or unavailable). */
    public PredictionRecord predictNow(PredictionInput input) {
        PredictionRecord record = predictor.predict(input, clock.instant());
        store(record);
        return record;
    }

    private void predictDeploy(PredictionInput input) {
        try {
            if (predictions.existsForDeploy(input.deployId())) {
                return; // redelivered or repeated started event
            }
            predictNow(input);
        } catch (RuntimeException e) {
            LOG.errorf(e, "prediction of deploy %s failed", input.deployId());
        } finally {
            inFlight.remove(input.deployId());
        }
    }

    private void store(PredictionRecord record) {
        predictions.insert(record);
        if (record.ok()) {
            metrics.predicted(record.service(), record.environment(), record.riskLevel().name(), record.probability());
            LOG.infof("prediction %s service=%s environment=%s version=%s commits=%d probability=%.3f risk=%s model=%s"
                    + " coldStart=%s", record.id(), record.service(), record.environment(), record.version(),
                    record.commitCount(), record.probability(), record.riskLevel(), record.modelVersion(),
                    record.coldStart());
        } else {
            metrics.unavailable(record.service(), record.environment(), Predictor.reasonCode(record));
            LOG.infof("prediction %s service=%s environment=%s version=%s unavailable: %s", record.id(),
                    record.service(), record.environment(), record.version(), record.reason());
        }
    }

    private PredictionRecord overloaded(DeployRecord d) {
        return PredictionRecord.builder()
                .id(UUID.randomUUID().toString()).deployId(d.id()).source(PredictionRecord.Source.DEPLOY)
                .service(d.service()).environment(d.environment()).version(d.version())
                .repository(RepositoryPolicy.redact(d.repository())).baseCommit(d.previousCommit()).commit(d.commit())
                .status(PredictionRecord.Status.UNAVAILABLE)
                .reason(PredictionUnavailable.OVERLOADED
                        + ": more than vigil.predict.queue-capacity deploys were waiting for a prediction")
                .createdAt(clock.instant())
                .build();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
