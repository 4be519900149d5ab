package dev.vigil.ingest;

/** The outcome of parsing one input: a value or the reason it was refused. Exactly one is non-null. */
public record Parsed<T>(T value, Rejection rejection) {

    public static <T> Parsed<T> ok(T value) {
        return new Parsed<>(value, null);
    }

    public static <T> Parsed<T> rejected(Rejection rejection) {
        return new Parsed<>(null, rejection);
    }

    public boolean isOk() {
        return rejection == null;
    }
}
