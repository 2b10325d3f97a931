package dev.itsm.platform.problem;

import java.util.List;
import java.util.Map;

/** 400: input breaks a rule Bean Validation cannot express; names each offending field. */
public class ValidationException extends ProblemException {

    public ValidationException(List<Problem.FieldError> errors) {
        super(400, "validation", "Validation failed", describe(errors), errors, Map.of());
    }

    public ValidationException(String field, String message) {
        this(List.of(new Problem.FieldError(field, message)));
    }

    private static String describe(List<Problem.FieldError> errors) {
        return errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
    }
}
