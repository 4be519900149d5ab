package dev.vigil.validation;

/**
 * One problem found in a YAML document Vigil reads (a detector definition, a gate policy), precise enough to fix
 * without guessing.
 *
 * @param file    the file (as given to the loader)
 * @param line    1-based line, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param field   path of the offending field, e.g. {@code detectors[1].sensitivity}; empty for the document as a whole
 * @param kind    what class of mistake it is
 * @param message what rule was broken
 */
public record ValidationIssue(String file, int line, int column, String field, Kind kind, String message) {

    /** Stable categories, suitable for an API error body. */
    public enum Kind {
        SYNTAX, UNKNOWN_FIELD, WRONG_TYPE, MISSING_FIELD, INVALID_VALUE, DUPLICATE_NAME
    }

    /** An issue whose column is not known. */
    public ValidationIssue(String file, int line, String field, Kind kind, String message) {
        this(file, line, 0, field, kind, message);
    }

    /** The same issue at another place. */
    public ValidationIssue at(int atLine, int atColumn) {
        return new ValidationIssue(file, atLine, atColumn, field, kind, message);
    }

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line + (column > 0 ? ":" + column : "") : file;
        return where + ": " + (field.isEmpty() ? "" : field + ": ") + kind + ": " + message;
    }
}
