package dev.itsm.catalog.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * JSON merge patch (RFC 7386) onto a request record: the current editable state is rendered as
 * that record, the patch merged in, and the result read back and validated like a create request,
 * so PATCH and POST share one set of rules.
 */
@ApplicationScoped
public class JsonPatcher {

    private final ObjectMapper json;
    private final Validator validator;

    JsonPatcher(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * @param current  the current editable state
     * @param patch    the merge patch (a JSON object)
     * @param readOnly fields that may appear only with their current value → why they cannot change
     */
    public <T extends Record> T merge(T current, JsonNode patch, Class<T> type, Map<String, String> readOnly) {
        if (patch == null || !patch.isObject()) {
            throw new ValidationException("body", "a merge patch must be a JSON object");
        }
        ObjectNode target = json.valueToTree(current);
        Set<String> editable = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toSet());
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Iterator<String> it = patch.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (readOnly.containsKey(field)) {
                if (!patch.get(field).equals(target.get(field))) {
                    errors.add(new Problem.FieldError(field, readOnly.get(field)));
                }
            } else if (!editable.contains(field)) {
                errors.add(new Problem.FieldError(field, "unknown or read-only field"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        JsonNode merged = apply(target, patch);
        T result;
        try {
            result = json.treeToValue(merged, type);
        } catch (JsonMappingException e) {
            throw new ValidationException(fieldOf(e), describe(e));
        } catch (JsonProcessingException e) {
            throw new ValidationException("body", "cannot be read");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(result);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return result;
    }

    private static String fieldOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "must be one of " + Arrays.stream(f.getTargetType().getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "has the wrong JSON type (expected " + m.getTargetType().getSimpleName() + ")";
        }
        return "cannot be read";
    }

    /** RFC 7386: objects merge member by member, null removes, anything else replaces. */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : new ObjectMapper().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), apply(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }
}
