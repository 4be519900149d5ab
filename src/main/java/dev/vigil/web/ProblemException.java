package dev.vigil.web;

import java.util.List;

/** Thrown by resources to answer with a problem body. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(400, "Bad request", detail).withErrors(errors));
    }

    public static ProblemException badParameter(String parameter, String message) {
        return badRequest("invalid query parameter '" + parameter + "'",
                List.of(new Problem.FieldError(null, parameter, "invalid_parameter", message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "Not found", detail));
    }
}
