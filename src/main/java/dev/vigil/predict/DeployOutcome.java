package dev.vigil.predict;

/** How a deploy ended, as far as prediction cares. */
public enum DeployOutcome {
    SUCCEEDED, FAILED, ROLLED_BACK,
    /** Still running or never reported: not a label, and not counted in failure rates. */
    UNKNOWN;

    public boolean isLabelled() {
        return this != UNKNOWN;
    }

    public boolean isFailure() {
        return this == FAILED || this == ROLLED_BACK;
    }
}
