package dev.vigil.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.git.ChangeFeatures;
import org.junit.jupiter.api.Test;

class ChangeFeaturesTest {

    @Test
    void roundTripsThroughAnArrayInDataSetOrder() {
        double[] values = {1, 2, 3, 0.5, 10, 4, 300, 1, 5, 12.5, 40, 100, 20.5, 30};
        assertArrayEquals(values, ChangeFeatures.of(values).toArray());
        assertEquals(14, ChangeFeatures.of(values).churn());
    }

    @Test
    void rejectsAWrongFeatureCountWithTheCounts() {
        var e = assertThrows(IllegalArgumentException.class, () -> ChangeFeatures.of(new double[13]));
        assertEquals("expected 14 features, got 13", e.getMessage());
    }

    @Test
    void rejectsNonFiniteValuesNamingTheFeature() {
        double[] values = new double[14];
        values[4] = Double.NaN;
        var e = assertThrows(IllegalArgumentException.class, () -> ChangeFeatures.of(values));
        assertEquals("feature la must be finite, got NaN", e.getMessage());
    }

    @Test
    void rejectsAFixFlagOtherThanZeroOrOne() {
        double[] values = new double[14];
        values[7] = 2;
        assertThrows(IllegalArgumentException.class, () -> ChangeFeatures.of(values));
    }
}
