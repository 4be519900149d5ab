package dev.vigil.gate;

/** The gate's answer to "may this release go on?". */
public enum Verdict {
    PASS,
    WARN,
    FAIL,
    /** Vigil could not tell (e.g. not enough canary data); the policy's onInconclusive says what it means. */
    INCONCLUSIVE
}
