package dev.vigil.gate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.gate.CanaryRequest;
import dev.vigil.gate.GateRequest;
import dev.vigil.validation.JsonSyntax;
import dev.vigil.web.Problem;
import dev.vigil.web.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /api/v1/gates/evaluate} strictly: unknown fields, wrong types and values breaking
 * a rule are a 400 problem whose {@code errors[].field} names the field (e.g. {@code canary.waitFor}).
 */
final class GateRequestReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("requestId", "service", "environment", "version", "commit",
            "previousCommit", "repository", "policy", "deployedAt", "canary");
    private static final Set<String> CANARY_FIELDS = Set.of("label", "baseline", "canary", "metrics", "window", "waitFor");
    private static final Pattern FIELD_IN_MESSAGE = Pattern.compile("(?:field )?'?\\b((?:canary\\.)?[A-Za-z]+)'? ");

    private GateRequestReader() {
    }

    static GateRequest read(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body is not valid JSON " + JsonSyntax.describe(e), List.of());
        }
        if (root == null || !root.isObject()) {
            throw ProblemException.badRequest("the body must be a JSON object", List.of());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        unknown(root, FIELDS, "", errors);
        String requestId = text(root, "requestId", "", errors);
        String service = text(root, "service", "", errors);
        String environment = text(root, "environment", "", errors);
        String version = text(root, "version", "", errors);
        String commit = text(root, "commit", "", errors);
        String previousCommit = text(root, "previousCommit", "", errors);
        String repository = text(root, "repository", "", errors);
        String policy = text(root, "policy", "", errors);
        Instant deployedAt = instant(text(root, "deployedAt", "", errors), errors);
        CanaryRequest canary = null;
        JsonNode c = root.get("canary");
        if (c != null && !c.isNull()) {
            canary = canary(c, errors);
        }
        for (String required : List.of("service", "environment", "version", "commit")) {
            if (!root.hasNonNull(required)) {
                errors.add(new Problem.FieldError(null, required, "missing_field", "field '" + required + "' is required"));
            }
        }
        fail(errors);
        try {
            return new GateRequest(requestId, service, environment, version, commit, previousCommit, repository, policy,
                    canary, deployedAt);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(e.getMessage());
        }
    }

    private static CanaryRequest canary(JsonNode c, List<Problem.FieldError> errors) {
        if (!c.isObject()) {
            errors.add(new Problem.FieldError(null, "canary", "invalid_type", "must be an object"));
            return null;
        }
        unknown(c, CANARY_FIELDS, "canary.", errors);
        String label = text(c, "label", "canary.", errors);
        String baseline = text(c, "baseline", "canary.", errors);
        String canary = text(c, "canary", "canary.", errors);
        for (String required : List.of("label", "baseline", "canary")) {
            if (!c.hasNonNull(required)) {
                errors.add(new Problem.FieldError(null, "canary." + required, "missing_field",
                        "field 'canary." + required + "' is required in a canary block"));
            }
        }
        List<String> metrics = new ArrayList<>();
        JsonNode m = c.get("metrics");
        if (m != null && !m.isNull()) {
            if (!m.isArray()) {
                errors.add(new Problem.FieldError(null, "canary.metrics", "invalid_type", "must be an array of strings"));
            } else {
                m.forEach(n -> {
                    if (n.isTextual()) {
                        metrics.add(n.asText());
                    } else {
                        errors.add(new Problem.FieldError(null, "canary.metrics", "invalid_type", "must be an array of strings"));
                    }
                });
            }
        }
        Duration window = duration("canary.window", text(c, "window", "canary.", errors), errors);
        Duration waitFor = duration("canary.waitFor", text(c, "waitFor", "canary.", errors), errors);
        if (!errors.isEmpty()) {
            return null;
        }
        try {
            return new CanaryRequest(label, baseline, canary, metrics, window, waitFor);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(e.getMessage());
        }
    }

    private static void unknown(JsonNode node, Set<String> known, String prefix, List<Problem.FieldError> errors) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                errors.add(new Problem.FieldError(null, prefix + name, "unknown_field", "unknown field '" + prefix + name
                        + "'; known fields: " + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    private static String text(JsonNode node, String name, String prefix, List<Problem.FieldError> errors) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new Problem.FieldError(null, prefix + name, "invalid_type", "must be a string"));
            return null;
        }
        return v.asText();
    }

    private static Instant instant(String value, List<Problem.FieldError> errors) {
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(null, "deployedAt", "invalid_value",
                    "must be an ISO-8601 instant such as 2026-11-25T09:30:00Z, got '" + value + "'"));
            return null;
        }
    }

    private static Duration duration(String field, String value, List<Problem.FieldError> errors) {
        try {
            return value == null ? null : Duration.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(null, field, "invalid_value",
                    "must be an ISO-8601 duration such as PT10M, got '" + value + "'"));
            return null;
        }
    }

    private static void fail(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            String fields = String.join(", ", errors.stream().map(Problem.FieldError::field).distinct().toList());
            throw ProblemException.badRequest("invalid gate request: " + fields, errors);
        }
    }

    /** A rule of the domain records broken; their messages name the field first ("field 'x' ..." or "canary.x ..."). */
    static ProblemException invalid(String message) {
        Matcher m = FIELD_IN_MESSAGE.matcher(message == null ? "" : message);
        String field = m.lookingAt() ? m.group(1) : null;
        return ProblemException.badRequest(message,
                List.of(new Problem.FieldError(null, field, "invalid_value", message)));
    }
}
