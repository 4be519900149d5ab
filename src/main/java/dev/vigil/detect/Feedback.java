package dev.vigil.detect;

/** What a user said about an anomaly the detector reported (or failed to report). */
public enum Feedback {
    /** "This was not a problem": the detector widens its band for the series. */
    FALSE_POSITIVE,
    /** "This was a problem and it was missed or late": the detector narrows its band. */
    FALSE_NEGATIVE,
    /** "Right call": no change. */
    TRUE_POSITIVE
}
