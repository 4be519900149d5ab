package dev.vigil.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.core.AlarmRate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JointCalibrationTest {

    private static final double MINUTE = 60_000;

    /** Feeds Gaussian-like statistics (the absolute value of a standard normal) for both sides. */
    private static JointCalibration learnt(int points) {
        Random r = new Random(4);
        JointCalibration c = new JointCalibration(0.5);
        for (int i = 0; i < points; i++) {
            c.scoreAndLearn(Math.abs(r.nextGaussian()), Math.abs(r.nextGaussian()), MINUTE);
        }
        return c;
    }

    @Test
    void ordinaryStatisticsAreNoEvidenceAndAFarResidualIsCritical() {
        JointCalibration c = learnt(5_000);
        assertEquals(0.0, c.scoreAndLearn(0.5, 0.5, MINUTE));
        assertTrue(c.scoreAndLearn(0.5, 12, MINUTE) >= AlarmRate.scoreAt(0.01), "12 sigmas off the relation");
        assertTrue(c.scoreAndLearn(12, 0.5, MINUTE) >= AlarmRate.scoreAt(0.01), "isolated 12 sigmas faster");
    }

    @Test
    void theFalseAlarmRateIsPerUnitOfTimeNotPerPoint() {
        JointCalibration minute = learnt(5_000);
        JointCalibration tenSeconds = learnt(5_000);
        double atMinute = minute.scoreAndLearn(0.5, 4.5, MINUTE);
        double atTenSeconds = tenSeconds.scoreAndLearn(0.5, 4.5, MINUTE / 6);
        assertTrue(atTenSeconds < atMinute, "six times the steps a day: the same evidence is less rare per day ("
                + atTenSeconds + " vs " + atMinute + ")");
    }

    @Test
    void stateRoundTrips() {
        JointCalibration c = learnt(300);
        JointCalibration back = new JointCalibration(0.5);
        back.restore(c.state());
        assertArrayEquals(c.state(), back.state());
        assertEquals(c.scoreAndLearn(1, 5, MINUTE), back.scoreAndLearn(1, 5, MINUTE));
    }
}
