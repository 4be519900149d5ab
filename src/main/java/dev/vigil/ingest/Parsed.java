package dev.vigil.ingest;

/**
 * The outcome of parsing one input: a value (with the wire format it came in) or the reason it was refused.
 * Exactly one of {@code value} and {@code rejection} is non-null.
 */
public record Parsed<T>(T value, String format, Rejection rejection) {

    public static <T> Parsed<T> ok(T value, String format) {
        return new Parsed<>(value, format, null);
    }

    public static <T> Parsed<T> rejected(Rejection rejection) {
        return new Parsed<>(null, null, rejection);
    }

    public boolean isOk() {
        return rejection == null;
    }
}
