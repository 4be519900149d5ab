package dev.vigil.detect;

import dev.vigil.core.Direction;

/**
 * What a user may tune about a univariate detector. Validates itself; every message names the field and rule.
 *
 * @param sensitivity   in [0, 1]; 0.5 is the default. Each 0.5 above it counts the evidence as ten times rarer
 *                      (a tenfold false-alarm rate at each severity), each 0.5 below as ten times commoner; see
 *                      {@link Scoring}
 * @param seasonality   which periodic profile to use, or AUTO to choose from prediction error
 * @param direction     which deviations count
 * @param warmUpPoints  points seen before the first real score (>= 10)
 * @param valueKind     GAUGE, or COUNTER (scored as a rate, resets tolerated)
 * @param rebaseline    consecutive out-of-band points after which a level shift becomes the new normal (>= 2)
 */
public record DetectorSettings(double sensitivity, Seasonality seasonality, Direction direction,
                               int warmUpPoints, ValueKind valueKind, int rebaseline) {

    public static final double DEFAULT_SENSITIVITY = 0.5;
    public static final int DEFAULT_WARM_UP = 150;
    public static final int DEFAULT_REBASELINE = 12;

    public DetectorSettings {
        if (!(sensitivity >= 0.0 && sensitivity <= 1.0)) {
            throw new IllegalArgumentException("sensitivity must be in [0, 1], got " + sensitivity);
        }
        require(seasonality, "seasonality");
        require(direction, "direction");
        require(valueKind, "valueKind");
        if (warmUpPoints < 10 || warmUpPoints > 1_000_000) {
            throw new IllegalArgumentException("warmUpPoints must be in [10, 1000000], got " + warmUpPoints);
        }
        if (rebaseline < 2 || rebaseline > 10_000) {
            throw new IllegalArgumentException("rebaseline must be in [2, 10000], got " + rebaseline);
        }
    }

    /** The shipped defaults: the configuration the NAB figures in BENCHMARKS.md were measured with. */
    public static DetectorSettings defaults() {
        return new DetectorSettings(DEFAULT_SENSITIVITY, Seasonality.AUTO, Direction.BOTH,
                DEFAULT_WARM_UP, ValueKind.GAUGE, DEFAULT_REBASELINE);
    }

    public DetectorSettings withSensitivity(double s) {
        return new DetectorSettings(s, seasonality, direction, warmUpPoints, valueKind, rebaseline);
    }

    public DetectorSettings withSeasonality(Seasonality s) {
        return new DetectorSettings(sensitivity, s, direction, warmUpPoints, valueKind, rebaseline);
    }

    public DetectorSettings withDirection(Direction d) {
        return new DetectorSettings(sensitivity, seasonality, d, warmUpPoints, valueKind, rebaseline);
    }

    public DetectorSettings withWarmUp(int points) {
        return new DetectorSettings(sensitivity, seasonality, direction, points, valueKind, rebaseline);
    }

    public DetectorSettings withValueKind(ValueKind k) {
        return new DetectorSettings(sensitivity, seasonality, direction, warmUpPoints, k, rebaseline);
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
