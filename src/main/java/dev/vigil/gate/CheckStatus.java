package dev.vigil.gate;

/** Outcome of one check. */
public enum CheckStatus {
    PASS,
    WARN,
    FAIL,
    /** Not enough evidence to judge. */
    INCONCLUSIVE,
    /** Vigil itself failed to evaluate the check (an evidence source was down); the policy's onError applies. */
    ERROR;

    /** Credit towards the weighted score. */
    double credit() {
        return switch (this) {
            case PASS -> 1.0;
            case WARN -> 0.5;
            default -> 0.0;
        };
    }
}
