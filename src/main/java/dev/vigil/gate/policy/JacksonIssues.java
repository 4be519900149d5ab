package dev.vigil.gate.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.vigil.core.Direction;
import dev.vigil.core.Severity;
import dev.vigil.validation.JsonPaths;
import dev.vigil.validation.ValidationIssue.Kind;
import dev.vigil.validation.ValidationIssue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** Turns a Jackson parse or binding error in a policy into a {@link ValidationIssue} a person can act on. */
final class JacksonIssues {

    static final String KINDS = "anomalies, slo, canary, failure-probability";

    private JacksonIssues() {
    }

    static ValidationIssue from(String file, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? 0 : Math.max(loc.getLineNr(), 0);
        int column = loc == null ? 0 : Math.max(loc.getColumnNr(), 0);
        String path = e instanceof JsonMappingException m ? JsonPaths.of(m.getPath()) : "";
        if (e instanceof InvalidTypeIdException) {
            path = path + ".kind"; // Jackson's path stops at the object; the type id is its kind field
        }
        return new ValidationIssue(file, line, column, path, kind(e), message(e));
    }

    private static Kind kind(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return Kind.UNKNOWN_FIELD;
        }
        if (e instanceof InvalidTypeIdException t) {
            return t.getTypeId() == null ? Kind.MISSING_FIELD : Kind.INVALID_VALUE;
        }
        if (e instanceof InvalidFormatException || e instanceof ValueInstantiationException) {
            return Kind.INVALID_VALUE;
        }
        if (e instanceof MismatchedInputException) {
            return Kind.WRONG_TYPE;
        }
        return e instanceof JsonMappingException ? Kind.INVALID_VALUE : Kind.SYNTAX;
    }

    private static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            TreeSet<String> known = new TreeSet<>();
            u.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            return "unknown field '" + u.getPropertyName() + "'; known fields: " + String.join(", ", known);
        }
        if (e instanceof InvalidTypeIdException t) {
            return t.getTypeId() == null ? "field 'kind' is required; one of " + KINDS
                    : "unknown check kind '" + t.getTypeId() + "'; expected one of " + KINDS;
        }
        if (e instanceof InvalidFormatException f) {
            return "invalid value '" + f.getValue() + "'; expected " + expected(f.getTargetType());
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable root = v;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return Objects.requireNonNullElse(root.getMessage(), root.getClass().getSimpleName());
        }
        String original = e.getOriginalMessage();
        return original == null ? e.getClass().getSimpleName() : original.lines().findFirst().orElse(original);
    }

    private static String expected(Class<?> type) {
        if (type == Severity.class) {
            return Severity.ACCEPTED;
        }
        if (type == Direction.class) {
            return Direction.ACCEPTED;
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(yamlName(type, (Enum<?>) constant));
            }
            return "one of " + String.join(", ", names);
        }
        if (type == java.time.Duration.class) {
            return "an ISO-8601 duration such as PT10M or PT1H30M";
        }
        return "a value of type " + type.getSimpleName();
    }

    private static String yamlName(Class<?> type, Enum<?> constant) {
        try {
            JsonProperty p = type.getField(constant.name()).getAnnotation(JsonProperty.class);
            return p == null ? constant.name().toLowerCase(java.util.Locale.ROOT) : p.value();
        } catch (NoSuchFieldException impossible) {
            return constant.name();
        }
    }
}
