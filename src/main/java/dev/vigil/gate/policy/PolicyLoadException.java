package dev.vigil.gate.policy;

import java.util.List;
import java.util.stream.Collectors;

/** The policy directory cannot be used; every problem found is listed, each with file, line and field. */
public final class PolicyLoadException extends Exception {

    private final transient List<PolicyIssue> issues;

    public PolicyLoadException(List<PolicyIssue> issues) {
        super(issues.size() + " problem(s) in gate policies:\n  "
                + issues.stream().map(PolicyIssue::toString).collect(Collectors.joining("\n  ")));
        this.issues = List.copyOf(issues);
    }

    public List<PolicyIssue> issues() {
        return issues;
    }
}
