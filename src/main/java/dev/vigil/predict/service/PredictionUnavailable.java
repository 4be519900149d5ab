package dev.vigil.predict.service;

/**
 * No prediction could be made. {@code reason} is a stable code (also a metric label), {@code field} the request
 * field at fault when there is one, and the message a sentence for people (never with credentials).
 */
public class PredictionUnavailable extends RuntimeException {

    public static final String REPOSITORY_REFUSED = "repository_refused";
    public static final String REPOSITORY_UNREACHABLE = "repository_unreachable";
    public static final String COMMIT_MISSING = "commit_missing";
    public static final String OVERLOADED = "overloaded";
    public static final String ERROR = "error";

    private final String reason;
    private final String field;

    public PredictionUnavailable(String reason, String field, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    /** "reason: message", as stored with an unavailable prediction. */
    public String describe() {
        return reason + ": " + getMessage();
    }
}
