package dev.vigil.gate;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's decision to let a release through that the gate did not pass: the verdict that now stands, the one
 * the gate gave, why, who, when. Only a FAIL or INCONCLUSIVE decision may be overridden, to PASS or WARN, once.
 *
 * @param verdict the verdict that stands (PASS or WARN)
 * @param judged  the gate's own verdict (FAIL or INCONCLUSIVE), kept unchanged in the decision
 * @param by      who overrode: the caller's name (a token name or an identity)
 */
public record GateOverride(Verdict verdict, Verdict judged, String reason, String by, Instant at) {

    /** A reason is read by people and shown on one line: at most this many characters. */
    public static final int MAX_REASON = 500;

    public GateOverride {
        if (verdict != Verdict.PASS && verdict != Verdict.WARN) {
            throw new IllegalArgumentException("field 'verdict': an override answers PASS or WARN, got " + verdict);
        }
        if (judged != Verdict.FAIL && judged != Verdict.INCONCLUSIVE) {
            throw new IllegalArgumentException("only a FAIL or INCONCLUSIVE decision can be overridden, this one is "
                    + judged);
        }
        requireReason(reason);
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }

    /** @throws IllegalArgumentException naming the field when the reason is missing, too long or not one line */
    public static void requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON
                || reason.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("field 'reason' is required: 1-" + MAX_REASON
                    + " characters on one line, saying why the release may go on");
        }
    }

    /** One line for the text format and logs. */
    public String describe() {
        return judged + " overridden to " + verdict + " by " + by + " at " + at + ": " + reason;
    }
}
