package dev.vigil.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 7807 problem body ({@code application/problem+json}). {@code errors} lists each field at fault, so a
 * client can point at the exact item of a batch or parameter of a query.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Longest detail or field message answered: a problem may quote input, never all of it. */
    public static final int MAX_TEXT = 1000;

    public Problem {
        detail = truncate(detail);
    }

    /**
     * @param index the position of the bad item in a batch, or null outside batches
     * @param field the field or query parameter at fault, or null for the whole item
     * @param reason a stable code such as {@code missing_field}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(Integer index, String field, String reason, String message) {
        public FieldError {
            field = truncate(field);
            message = truncate(message);
        }
    }

    /** The text cut to {@link #MAX_TEXT} characters, marked as cut. */
    public static String truncate(String text) {
        return text == null || text.length() <= MAX_TEXT ? text
                : text.substring(0, MAX_TEXT) + "... (" + (text.length() - MAX_TEXT) + " more characters)";
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(typeFor(status), title, status, detail, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    private static String typeFor(int status) {
        return "https://vigil.dev/problems/" + status;
    }
}
