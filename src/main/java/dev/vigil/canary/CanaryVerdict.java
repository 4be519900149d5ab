package dev.vigil.canary;

/** Overall canary outcome. */
public enum CanaryVerdict {
    PASS,
    MARGINAL,
    FAIL,
    /** Not enough data to say; never silently a pass. */
    INCONCLUSIVE
}
