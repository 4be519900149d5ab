package dev.vigil.predict.api;

import dev.vigil.web.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code POST /api/v1/predictions}: predict the failure risk of deploying {@code commit} of
 * {@code repository} to {@code service} in {@code environment}, now.
 *
 * @param previousCommit optional; without it, the commit of the last succeeded deploy of the service and environment
 * @param version        optional, stored with the prediction
 */
public record PredictionRequest(String service, String environment, String commit, String previousCommit,
                                String repository, String version) {

    /** Every field at fault, each with the rule it breaks; empty when the request is valid. */
    public List<Problem.FieldError> problems() {
        List<Problem.FieldError> errors = new ArrayList<>();
        required(errors, "service", service, 256);
        required(errors, "environment", environment, 256);
        required(errors, "commit", commit, 256);
        required(errors, "repository", repository, 512);
        optional(errors, "previousCommit", previousCommit, 256);
        optional(errors, "version", version, 256);
        return errors;
    }

    private static void required(List<Problem.FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(null, field, "missing_field", "'" + field + "' is required"));
        } else {
            optional(errors, field, value, max);
        }
    }

    private static void optional(List<Problem.FieldError> errors, String field, String value, int max) {
        if (value != null && (value.isBlank() || value.length() > max || value.chars().anyMatch(Character::isISOControl))) {
            errors.add(new Problem.FieldError(null, field, "invalid_field", "'" + field + "' must be 1-" + max
                    + " characters without control characters"));
        }
    }
}
