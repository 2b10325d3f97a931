package dev.itsm.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on, mapped to a problem+json response. Domain code throws the
 * specific subclasses; the single mapper in {@link ProblemMappers} turns them into responses.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String typeSlug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String typeSlug, String title, String detail) {
        this(status, typeSlug, title, detail, List.of(), Map.of());
    }

    public ProblemException(int status, String typeSlug, String title, String detail,
            List<Problem.FieldError> errors, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.typeSlug = typeSlug;
        this.title = title;
        this.errors = errors;
        this.extensions = extensions;
    }

    public int status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(typeSlug, title, status, getMessage(), instance, errors, extensions);
    }
}
