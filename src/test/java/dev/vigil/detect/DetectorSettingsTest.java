package dev.vigil.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DetectorSettingsTest {

    @Test
    void rejectsSensitivityOutsideUnitIntervalNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DetectorSettings.defaults().withSensitivity(1.5));
        assertEquals("sensitivity must be in [0, 1], got 1.5", e.getMessage());
    }

    @Test
    void rejectsTooShortWarmUp() {
        var e = assertThrows(IllegalArgumentException.class, () -> DetectorSettings.defaults().withWarmUp(3));
        assertEquals("warmUpPoints must be in [10, 1000000], got 3", e.getMessage());
    }

    @Test
    void rejectsMissingSeasonality() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DetectorSettings.defaults().withSeasonality(null));
        assertEquals("seasonality is required", e.getMessage());
    }

    @Test
    void anomalyScoreRejectsScoresOutsideUnitInterval() {
        assertThrows(IllegalArgumentException.class,
                () -> new AnomalyScore(1.2, 0, 0, 0, Status.SCORED, Component.POINT));
    }

    @Test
    void factoryNamesTheUnknownAlgorithm() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DetectorFactory.create("prophet", DetectorSettings.defaults()));
        assertEquals("unknown algorithm 'prophet', expected one of [seasonal]", e.getMessage());
    }
}
