package dev.vigil.detect;

/** Which periodic profile a detector may use to form its expectation. */
public enum Seasonality {
    /** Pick none, daily or weekly from one-step prediction error, once enough history exists. */
    AUTO,
    /** Always use the time-of-day profile. */
    DAILY,
    /** Always use the hour-of-week profile. */
    WEEKLY,
    /** No periodic profile: level only. */
    NONE
}
