package dev.vigil.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.DeployStatus;
import dev.vigil.core.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeployAttributionTest {

    static final Instant OPENED = Instant.parse("2026-11-25T07:00:00Z");
    final DeployAttribution rule = new DeployAttribution(DeployAttribution.Settings.defaults());

    static AnomalyFacts anomaly(Severity severity, Episode... earlier) {
        return new AnomalyFacts("checkout", "prod", "latency", OPENED, severity, List.of(earlier));
    }

    /** A deploy that started {@code minutesBefore} the anomaly and finished two minutes later. */
    static DeployFacts deploy(String id, double minutesBefore) {
        Instant start = OPENED.minusSeconds(Math.round(minutesBefore * 60));
        return new DeployFacts(id, "prod", "v-" + id, "c-" + id, "p-" + id, start, start.plusSeconds(120), DeployStatus.SUCCEEDED);
    }

    double confidence(AnomalyFacts anomaly, DeployFacts... deploys) {
        return rule.attribute(anomaly, List.of(deploys)).orElseThrow().confidence();
    }

    @Test
    void aLoneDeployFiveMinutesBeforeIsTheProbableCauseWithHighConfidence() {
        Attribution a = rule.attribute(anomaly(Severity.WARNING), List.of(deploy("d1", 5))).orElseThrow();
        assertEquals("d1", a.deployId());
        assertEquals("p-d1..c-d1", a.commits());
        assertEquals("v-d1", a.version());
        assertEquals((25.0 / 30) / (25.0 / 30 + 0.25), a.confidence(), 1e-9);
        assertTrue(a.confidence() > 0.75, () -> "confidence " + a.confidence());
        assertTrue(a.reasons().get(0).contains("started 5 min before"), a.reasons()::toString);
    }

    @Test
    void twoDeploysInTheWindowSplitTheEvidenceAndTheNearerOneIsChosen() {
        double alone = confidence(anomaly(Severity.WARNING), deploy("near", 5));
        Attribution split = rule.attribute(anomaly(Severity.WARNING), List.of(deploy("far", 10), deploy("near", 5)))
                .orElseThrow();
        assertEquals("near", split.deployId());
        assertEquals((25.0 / 30) / (25.0 / 30 + 20.0 / 30 + 0.25), split.confidence(), 1e-9);
        assertTrue(split.confidence() < alone && split.confidence() < 0.5, () -> split.confidence() + " vs " + alone);
        assertTrue(split.reasons().stream().anyMatch(r -> r.contains("2 deploys")), split.reasons()::toString);
    }

    @Test
    void noDeployInTheWindowMeansNoAttribution() {
        assertEquals(Optional.empty(), rule.attribute(anomaly(Severity.CRITICAL), List.of(deploy("old", 30),
                deploy("older", 90))));
        assertEquals(Optional.empty(), rule.attribute(anomaly(Severity.CRITICAL), List.of()));
    }

    @Test
    void aDeployThatStartedAfterTheAnomalyOpenedIsNotItsCause() {
        assertEquals(Optional.empty(), rule.attribute(anomaly(Severity.CRITICAL), List.of(deploy("later", -3))));
    }

    @Test
    void aDeployToAnotherEnvironmentIsNotACandidateButAnyIsWhenTheSeriesHasNoEnvironment() {
        DeployFacts staging = new DeployFacts("s", "staging", "1", null, null, OPENED.minusSeconds(60), null, DeployStatus.STARTED);
        assertEquals(Optional.empty(), rule.attribute(anomaly(Severity.WARNING), List.of(staging)));
        AnomalyFacts anywhere = new AnomalyFacts("checkout", null, "latency", OPENED, Severity.WARNING, List.of());
        Attribution a = rule.attribute(anywhere, List.of(staging)).orElseThrow();
        assertEquals("s", a.deployId());
        assertEquals(null, a.commits());
    }

    @Test
    void confidenceDecreasesWithTheDelayAndVanishesAtTheWindowEdge() {
        double previous = 1;
        for (double minutes : new double[] {0.5, 5, 10, 20, 29, 29.9}) {
            double c = confidence(anomaly(Severity.WARNING), deploy("d", minutes));
            assertTrue(c < previous, minutes + " min: " + c + " not below " + previous);
            previous = c;
        }
        assertTrue(previous < 0.02, "just inside the window: " + previous);
    }

    @Test
    void openingDuringTheRolloutAndSeverityRaiseTheConfidence() {
        double finished = confidence(anomaly(Severity.WARNING), deploy("d", 5));
        DeployFacts running = new DeployFacts("d", "prod", "1", "c", null, OPENED.minusSeconds(300), null, DeployStatus.STARTED);
        double rollingOut = confidence(anomaly(Severity.WARNING), running);
        assertEquals((2 * 25.0 / 30) / (2 * 25.0 / 30 + 0.25), rollingOut, 1e-9);
        assertTrue(rollingOut > finished);
        assertTrue(confidence(anomaly(Severity.CRITICAL), deploy("d", 5)) > finished);
        assertTrue(confidence(anomaly(Severity.INFO), deploy("d", 5)) < finished);
    }

    @Test
    void aSeriesAlreadyAnomalousBeforeTheDeployGivesTheDeployLessCredit() {
        double clean = confidence(anomaly(Severity.WARNING), deploy("d", 5));
        Instant deployStart = OPENED.minusSeconds(300);
        Attribution unhealthy = rule.attribute(anomaly(Severity.WARNING,
                new Episode(deployStart.minusSeconds(1200), deployStart.minusSeconds(600))), List.of(deploy("d", 5)))
                .orElseThrow();
        assertEquals((0.25 * 25.0 / 30) / (0.25 * 25.0 / 30 + 0.25), unhealthy.confidence(), 1e-9);
        assertTrue(unhealthy.confidence() < clean);
        assertTrue(unhealthy.reasons().stream().anyMatch(r -> r.contains("already anomalous")),
                unhealthy.reasons()::toString);
        // an episode long before the deploy (more than a window) does not count
        assertEquals(clean, confidence(anomaly(Severity.WARNING,
                new Episode(deployStart.minus(Duration.ofHours(3)), deployStart.minus(Duration.ofHours(2)))),
                deploy("d", 5)), 1e-12);
    }

    @Test
    void aWiderWindowKeepsMoreConfidenceForTheSameDelay() {
        DeployAttribution wide = new DeployAttribution(DeployAttribution.Settings.withWindow(Duration.ofHours(2)));
        double narrow = confidence(anomaly(Severity.WARNING), deploy("d", 20));
        double wider = wide.attribute(anomaly(Severity.WARNING), List.of(deploy("d", 20))).orElseThrow().confidence();
        assertTrue(wider > narrow, wider + " vs " + narrow);
    }
}
