package dev.vigil.detect;

/** Which deviations count as anomalous: above the band, below it, or both. */
public enum Direction {
    UP, DOWN, BOTH;

    /** Turns a signed standardised residual into the part this direction cares about (>= 0). */
    public double oriented(double z) {
        return switch (this) {
            case UP -> Math.max(z, 0.0);
            case DOWN -> Math.max(-z, 0.0);
            case BOTH -> Math.abs(z);
        };
    }
}
