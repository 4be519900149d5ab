package dev.vigil.detect.definition;

/**
 * One problem found in a detector definition file, precise enough to fix without guessing.
 *
 * @param file    the file (as given to the loader)
 * @param line    1-based line, or 0 when unknown
 * @param field   path of the offending field, e.g. {@code detectors[1].sensitivity}
 * @param kind    what class of mistake it is
 * @param message what rule was broken
 */
public record ValidationIssue(String file, int line, String field, Kind kind, String message) {

    /** Stable categories, suitable for an API error body. */
    public enum Kind {
        SYNTAX, UNKNOWN_FIELD, WRONG_TYPE, MISSING_FIELD, INVALID_VALUE, DUPLICATE_NAME
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + kind + ": " + message;
    }
}
