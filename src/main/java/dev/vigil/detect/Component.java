package dev.vigil.detect;

/** Which test produced the (largest) evidence behind a score. */
public enum Component {
    /** Nothing stood out. */
    NONE,
    /** One value far outside the band (spike or dip). */
    POINT,
    /** A run of values on the same side of the band: level shift or drift. */
    SHIFT,
    /** Several detectors over aligned metrics (multivariate). */
    JOINT
}
