package dev.vigil.gate.policy;

import dev.vigil.validation.ValidationIssue;
import java.util.List;
import java.util.stream.Collectors;

/** The policy directory cannot be used; every problem found is listed, each with file, line and field. */
public final class PolicyLoadException extends Exception {

    private final transient List<ValidationIssue> issues;

    public PolicyLoadException(List<ValidationIssue> issues) {
        super(issues.size() + " problem(s) in gate policies:\n  "
                + issues.stream().map(ValidationIssue::toString).collect(Collectors.joining("\n  ")));
        this.issues = List.copyOf(issues);
    }

    public List<ValidationIssue> issues() {
        return issues;
    }
}
