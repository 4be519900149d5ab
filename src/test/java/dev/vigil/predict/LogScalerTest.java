package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LogScalerTest {

    @Test
    void standardisesTheLogOfEachFeature() {
        double e1 = Math.E - 1;
        LogScaler scaler = LogScaler.fit(new double[][] {{0, 5}, {e1, 5}});
        // log1p: column 0 -> {0, 1}: mean 0.5, sd sqrt(0.5); column 1 constant -> sd 1, scales to 0
        assertArrayEquals(new double[] {0.5 / Math.sqrt(0.5), 0}, scaler.apply(new double[] {e1, 5}), 1e-12);
    }

    @Test
    void clampsNegativeValuesToZeroInsteadOfProducingNaN() {
        LogScaler scaler = new LogScaler(new double[] {0}, new double[] {1});
        assertEquals(0.0, scaler.apply(new double[] {-3})[0]);
    }

    @Test
    void rejectsAWrongArity() {
        LogScaler scaler = new LogScaler(new double[] {0, 0}, new double[] {1, 1});
        var e = assertThrows(IllegalArgumentException.class, () -> scaler.apply(new double[3]));
        assertEquals("expected 2 features, got 3", e.getMessage());
    }
}
