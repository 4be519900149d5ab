package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceFeatureExtractorTest {

    // Wednesday 2026-11-25 14:30 UTC
    private static final Instant NOW = Instant.parse("2026-11-25T14:30:00Z");
    private final ServiceFeatureExtractor extractor = new ServiceFeatureExtractor(ServiceFeatureExtractor.Options.defaults());

    private static PastDeploy daysAgo(double days, DeployOutcome outcome) {
        return new PastDeploy(NOW.minusSeconds(Math.round(days * 86_400)), outcome);
    }

    @Test
    void summarisesTheLastThirtyDays() {
        List<PastDeploy> history = List.of(
                daysAgo(40, DeployOutcome.FAILED),       // outside the window, but the last failure before...
                daysAgo(20, DeployOutcome.SUCCEEDED),
                daysAgo(10, DeployOutcome.ROLLED_BACK),  // ...this one, 10 days ago
                daysAgo(5, DeployOutcome.SUCCEEDED),
                daysAgo(1, DeployOutcome.UNKNOWN));      // counts as a deploy, not in the failure rate
        ServiceFeatures f = extractor.extract(history, 2, NOW);
        assertEquals(1.0 / 3, f.failureRate(), 1e-12);
        assertEquals(4 / 30.0, f.deploysPerDay(), 1e-12);
        assertEquals(10, f.daysSinceFailure(), 1e-9);
        assertEquals(2, f.openAnomalies());
        assertEquals(14, f.hourOfDay());
        assertEquals(3, f.dayOfWeek());
    }

    @Test
    void ignoresDeploysAtOrAfterTheOneBeingScored() {
        List<PastDeploy> history = List.of(new PastDeploy(NOW, DeployOutcome.FAILED),
                new PastDeploy(NOW.plusSeconds(60), DeployOutcome.FAILED));
        ServiceFeatures f = extractor.extract(history, 0, NOW);
        assertEquals(0, f.failureRate());
        assertEquals(0, f.deploysPerDay());
        assertEquals(365, f.daysSinceFailure());
    }

    @Test
    void usesTheServiceTimeZoneForHourAndDay() {
        var tokyo = new ServiceFeatureExtractor(new ServiceFeatureExtractor.Options(Duration.ofDays(30),
                Duration.ofDays(365), ZoneId.of("Asia/Tokyo")));
        ServiceFeatures f = tokyo.extract(List.of(), 0, NOW); // 23:30 in Tokyo, still Wednesday
        assertEquals(23, f.hourOfDay());
        assertEquals(3, f.dayOfWeek());
    }

    @Test
    void rejectsOutOfRangeValuesByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ServiceFeatures(1.5, 0, 0, 0, 0, 1));
        assertEquals("failureRate must be in [0, 1], got 1.5", e.getMessage());
    }
}
