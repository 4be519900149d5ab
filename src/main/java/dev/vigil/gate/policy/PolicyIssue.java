package dev.vigil.gate.policy;

/**
 * One problem in a policy file. {@code line} and {@code column} are 1-based, 0 when unknown; {@code field} is the
 * path inside the document, e.g. {@code checks[1].minSeverity}, empty for the document as a whole.
 */
public record PolicyIssue(String file, int line, int column, String field, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line + ":" + column : file;
        return where + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
