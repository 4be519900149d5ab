package dev.vigil.ingest;

/**
 * Why an input was not accepted.
 *
 * @param reason  a stable machine-readable code, used as a metric label and DLQ header
 * @param field   the JSON field at fault (dotted path), or null when the whole input is at fault
 * @param message one sentence for a person
 */
public record Rejection(String reason, String field, String message) {

    public static final String NOT_JSON = "not_json";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String MISSING_FIELD = "missing_field";
    public static final String INVALID_FIELD = "invalid_field";
    public static final String UNKNOWN_FORMAT = "unknown_format";
    public static final String UNSUPPORTED_EVENT = "unsupported_event";
    /** A time outside the accepted window ({@link TimeWindow}). */
    public static final String OUT_OF_RANGE = "out_of_range";

    public static Rejection missing(String field) {
        return new Rejection(MISSING_FIELD, field, "field '" + field + "' is required");
    }

    public static Rejection invalid(String field, String why) {
        return new Rejection(INVALID_FIELD, field, "field '" + field + "' " + why);
    }

    /** A one-line form for logs and the DLQ header. */
    public String describe() {
        return field == null ? reason + ": " + message : reason + " (" + field + "): " + message;
    }
}
