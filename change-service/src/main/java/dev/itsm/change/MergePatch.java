package dev.itsm.change;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.platform.problem.ValidationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/** RFC 7396 JSON merge patch onto a request record, followed by Bean Validation of the result. */
public final class MergePatch {

    private MergePatch() {
    }

    /** Parses a raw body; malformed JSON or a non-object is a 400 problem. */
    public static JsonNode parse(ObjectMapper json, String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ValidationException("body", "must be a JSON object (merge patch)");
        }
        return node;
    }

    /** {@code current} (a request record) with {@code patch} merged in, validated. */
    public static <T> T apply(ObjectMapper json, Validator validator, T current, JsonNode patch, Class<T> type) {
        ObjectNode target = json.valueToTree(current);
        merge(target, patch);
        T result;
        try {
            result = json.treeToValue(target, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().get(0).getFieldName();
            throw new ValidationException(field == null ? "body" : field, "has the wrong type or format");
        } catch (JsonProcessingException e) {
            throw new ValidationException("body", "cannot be applied: " + e.getOriginalMessage());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<T> v : validator.validate(result)) {
            errors.add(new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(Problem.FieldError::field));
            throw new ValidationException(errors);
        }
        return result;
    }

    static void merge(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else if (e.getValue().isObject() && target.get(e.getKey()) instanceof ObjectNode child) {
                merge(child, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }
}
