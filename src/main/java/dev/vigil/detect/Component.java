package dev.vigil.detect;

/** Which test produced the (largest) evidence behind a score. */
public enum Component {
    /** Nothing stood out. */
    NONE,
    /** One value far outside the band (spike or dip). */
    POINT,
    /** A run of values on the same side of the band (level shift, drift), or a burst of volatility at an unchanged level. */
    SHIFT,
    /** Several detectors over aligned metrics (multivariate). */
    JOINT
}
