package dev.vigil.detect;

/** Whether a score is a judgement or a placeholder. */
public enum Status {
    /** Too little history to judge: score is 0 and the band is whatever has been learnt so far. */
    WARMING_UP,
    /** A real judgement. */
    SCORED,
    /** The value was NaN/infinite (or a counter's first sample): nothing learnt, score 0. */
    SKIPPED
}
