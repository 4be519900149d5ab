package dev.vigil.detect.definition;

import dev.vigil.validation.ValidationIssue;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when definition files are invalid; carries every issue found, not just the first. */
public class DefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ValidationIssue> issues;

    public DefinitionException(List<ValidationIssue> issues) {
        super("invalid detector definition:\n  "
                + issues.stream().map(ValidationIssue::toString).collect(Collectors.joining("\n  ")));
        this.issues = List.copyOf(issues);
    }

    public List<ValidationIssue> issues() {
        return issues;
    }
}
