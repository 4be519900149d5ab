package dev.vigil.attribute.service;

import dev.vigil.attribute.AnomalyFacts;
import dev.vigil.attribute.Attribution;
import dev.vigil.attribute.AttributionRecord;
import dev.vigil.attribute.DeployAttribution;
import dev.vigil.attribute.DeployFacts;
import dev.vigil.attribute.Episode;
import dev.vigil.config.VigilConfig;
import dev.vigil.core.DeployStatus;
import dev.vigil.deploy.DeployRecord;
import dev.vigil.deploy.Deploys;
import dev.vigil.detect.anomaly.Anomalies;
import dev.vigil.detect.anomaly.AnomalyQuery;
import dev.vigil.detect.anomaly.AnomalyRecord;
import dev.vigil.store.Page;
import dev.vigil.store.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Attributes anomalies to deploys, in both orders of arrival:
 * <ul>
 *   <li>when detection has stored an anomaly that just opened ({@link #onOpened}), from the deploys the store has;</li>
 *   <li>when a deploy event is recorded ({@link #onDeploy}), again for every anomaly of the service that opened
 *       within the window after the deploy's start: a deploy event that arrives late (replay, out of order, a
 *       CDEvent sent only at the end) still gets its anomalies, and the result depends only on what is known, not
 *       on the order it came in.</li>
 * </ul>
 * Failures are logged, never thrown: attribution must not hold up detection or ingest.
 */
@ApplicationScoped
public class AttributionService {

    private static final Logger LOG = Logger.getLogger(AttributionService.class);
    /** Deploys of one service read as candidates: far more than can start in one window. */
    private static final int MAX_CANDIDATES = 200;

    private final DeployAttribution rule;
    private final Anomalies anomalies;
    private final Deploys deploys;
    private final AttributionRepository attributions;
    private final AttributionMetrics metrics;
    private final Clock clock;
    private final boolean enabled;
    private final String environmentLabel;

    public AttributionService(DeployAttribution rule, Anomalies anomalies, Deploys deploys,
                              AttributionRepository attributions, AttributionMetrics metrics, Clock clock,
                              AttributionConfig config, VigilConfig vigil) {
        this.rule = rule;
        this.anomalies = anomalies;
        this.deploys = deploys;
        this.attributions = attributions;
        this.metrics = metrics;
        this.clock = clock;
        this.enabled = config.enabled();
        this.environmentLabel = vigil.gate().environmentLabel();
    }

    /** After an opened anomaly is stored: its probable cause, stored, or empty. Never throws. */
    public Optional<AttributionRecord> onOpened(AnomalyRecord anomaly) {
        if (!enabled) {
            return Optional.empty();
        }
        try {
            return attribute(anomaly);
        } catch (RuntimeException e) {
            LOG.warnf("could not attribute anomaly %s of %s: %s", anomaly.id(), anomaly.service(), e.toString());
            return Optional.empty();
        }
    }

    /** After a deploy event is recorded: (re)attributes the anomalies that opened in the window after it. */
    public void onDeploy(DeployRecord deploy) {
        if (!enabled) {
            return;
        }
        try {
            Instant start = deploy.at();
            Instant end = start.plus(window());
            Page<AnomalyRecord> page = anomalies.find(new AnomalyQuery(deploy.service(), null, null, start, end, false),
                    new PageRequest(Page.MAX_LIMIT, 0));
            for (AnomalyRecord a : page.items()) {
                if (!a.startedAt().isBefore(start) && a.startedAt().isBefore(end)) {
                    attribute(a);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not attribute anomalies to deploy %s of %s: %s", deploy.id(), deploy.service(),
                    e.toString());
        }
    }

    private Optional<AttributionRecord> attribute(AnomalyRecord anomaly) {
        Instant opened = anomaly.startedAt();
        List<DeployFacts> candidates = deploys.startedBetween(anomaly.service(), opened.minus(window()), opened,
                MAX_CANDIDATES).stream().map(AttributionService::facts).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Optional<Attribution> found = rule.attribute(facts(anomaly), candidates);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Attribution a = found.get();
        AttributionRecord record = new AttributionRecord(anomaly.id(), a.deployId(), anomaly.service(),
                a.environment(), a.version(), a.commits(), anomaly.metric(), opened, a.confidence(), a.reasons(),
                clock.instant());
        if (attributions.save(record)) {
            metrics.attributed(anomaly.service());
            LOG.infof("attribution anomaly=%s service=%s metric=%s deploy=%s version=%s confidence=%.2f", anomaly.id(),
                    anomaly.service(), anomaly.metric(), a.deployId(), a.version(), a.confidence());
        }
        return Optional.of(record);
    }

    private AnomalyFacts facts(AnomalyRecord a) {
        Instant opened = a.startedAt();
        // earlier anomalies of the same series that may overlap the window before any candidate deploy
        Page<AnomalyRecord> earlier = anomalies.find(new AnomalyQuery(a.service(), a.metric(), null,
                opened.minus(window().multipliedBy(2)), opened, false), new PageRequest(Page.MAX_LIMIT, 0));
        List<Episode> episodes = earlier.items().stream()
                .filter(e -> e.seriesId().equals(a.seriesId()) && !e.id().equals(a.id()) && e.startedAt().isBefore(opened))
                .map(e -> new Episode(e.startedAt(), e.endedAt() != null ? e.endedAt() : e.updatedAt()))
                .toList();
        return new AnomalyFacts(a.service(), a.labels().get(environmentLabel), a.metric(), opened, a.severity(),
                episodes);
    }

    static DeployFacts facts(DeployRecord d) {
        Instant start = d.at();
        Instant finished = d.finishedAt() != null ? d.finishedAt() : d.status() == DeployStatus.STARTED ? null : d.updatedAt();
        return new DeployFacts(d.id(), d.environment(), d.version(), d.commit(), d.previousCommit(), start, finished,
                d.status());
    }

    private Duration window() {
        return rule.settings().window();
    }
}
