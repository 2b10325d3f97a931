package dev.itsm.platform.http;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ProblemException;
import dev.itsm.platform.problem.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * PATCH with a JSON merge patch (RFC 7396) onto a request record: the resource renders the
 * current editable state as that record, the patch is merged in by Jakarta JSON Processing's
 * {@code JsonMergePatch}, and the result is read back and validated like a create request — so
 * PATCH and POST share one set of rules, and every service answers a bad patch the same way.
 */
@ApplicationScoped
public class MergePatch {

    private final ObjectMapper json;
    private final Validator validator;

    MergePatch(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** A raw PATCH body as a JSON object; malformed JSON is 400 malformed-json, anything but an object 400 validation. */
    public JsonNode parse(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ValidationException("body", "must be a JSON object (a merge patch)");
        }
        return node;
    }

    /** {@code current} with {@code patch} merged in, read back as {@code type} and validated. */
    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        return apply(current, patch, type, Map.of());
    }

    /**
     * As {@link #apply(Object, JsonNode, Class)}; {@code fixed} names fields a client may send only
     * with their current value (read-only or command-only), each with the reason it cannot change.
     * Any other field that is not a component of {@code type} is an unknown field.
     */
    public <T> T apply(T current, JsonNode patch, Class<T> type, Map<String, String> fixed) {
        if (patch == null || !patch.isObject()) {
            throw new ValidationException("body", "must be a JSON object (a merge patch)");
        }
        ObjectNode target = json.valueToTree(current);
        Set<String> editable = editableFields(type, target);
        List<Problem.FieldError> errors = new ArrayList<>();
        ObjectNode editablePatch = patch.deepCopy();
        for (Iterator<String> it = patch.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (fixed.containsKey(field)) {
                JsonNode now = target.get(field);
                if (!patch.get(field).equals(now) && !(patch.get(field).isNull() && now == null)) {
                    errors.add(new Problem.FieldError(field, fixed.get(field)));
                }
                editablePatch.remove(field);
            } else if (!editable.contains(field)) {
                errors.add(new Problem.FieldError(field, "unknown field"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        JsonNode merged = merge(target, editablePatch);
        T result;
        try {
            result = json.treeToValue(merged, type);
        } catch (JsonMappingException e) {
            throw new ValidationException(fieldOf(e), describe(e));
        } catch (JsonProcessingException e) {
            throw new ValidationException("body", "cannot be read");
        }
        List<Problem.FieldError> violations = new ArrayList<>();
        for (ConstraintViolation<T> v : validator.validate(result)) {
            violations.add(new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(Problem.FieldError::field));
            throw new ValidationException(violations);
        }
        return result;
    }

    /** RFC 7396 merge, done by the JSON-P implementation rather than by hand. */
    JsonNode merge(JsonNode target, JsonNode patch) {
        try (JsonReader t = Json.createReader(new StringReader(json.writeValueAsString(target)));
                JsonReader p = Json.createReader(new StringReader(json.writeValueAsString(patch)))) {
            JsonValue merged = Json.createMergePatch(p.readValue()).apply(t.readValue());
            return json.readTree(merged.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written back", e);
        }
    }

    private static Set<String> editableFields(Class<?> type, ObjectNode rendered) {
        Set<String> names = new LinkedHashSet<>();
        if (type.isRecord()) {
            Arrays.stream(type.getRecordComponents()).forEach(c -> names.add(c.getName()));
        }
        rendered.fieldNames().forEachRemaining(names::add);
        return names;
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
}
