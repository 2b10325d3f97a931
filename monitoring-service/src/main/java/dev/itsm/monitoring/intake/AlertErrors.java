package dev.itsm.monitoring.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itsm.platform.problem.Problem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects what is wrong with one alert of a request, each with the JSON pointer of the field, and reads the
 * shared parts (labels, annotations, timestamps) of every format by the same limits.
 */
final class AlertErrors {

    static final int MAX_LABELS = 64;
    static final int MAX_LABEL_VALUE = 1_024;
    static final int MAX_ANNOTATION_VALUE = 8_192;
    static final int MAX_ANNOTATIONS = 64;
    static final int MAX_FINGERPRINT = 64;
    static final int MAX_NAME = 200;
    static final int MAX_URL = 2_048;
    /** Prometheus' label name syntax; anything else could not be matched by a rule nor templated into a key. */
    static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    private final List<Problem.FieldError> errors = new ArrayList<>(2);

    boolean any() {
        return !errors.isEmpty();
    }

    List<Problem.FieldError> list() {
        return errors;
    }

    void add(String pointer, String message) {
        errors.add(new Problem.FieldError(pointer, message));
    }

    /** A required non-blank string of at most {@code max} characters; null when absent or wrong. */
    String requiredText(JsonNode parent, String field, String pointer, int max) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            add(pointer, "is required");
            return null;
        }
        String s = text(v, pointer, max);
        if (s != null && s.isBlank()) {
            add(pointer, "must not be blank");
            return null;
        }
        return s;
    }

    /** An optional string of at most {@code max} characters; null when absent or wrong. */
    String optionalText(JsonNode parent, String field, String pointer, int max) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return text(v, pointer, max);
    }

    private String text(JsonNode v, String pointer, int max) {
        if (!v.isTextual()) {
            add(pointer, "must be a string");
            return null;
        }
        String s = v.textValue();
        if (s.length() > max) {
            add(pointer, "must be at most " + max + " characters");
            return null;
        }
        return s;
    }

    /** An RFC 3339 timestamp (Alertmanager sends offsets and nanoseconds); null when absent, blank or wrong. */
    Instant timestamp(JsonNode parent, String field, String pointer, boolean required) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
            if (required) {
                add(pointer, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            add(pointer, "must be an RFC 3339 date-time string");
            return null;
        }
        try {
            return Rfc3339.parse(v.textValue());
        } catch (DateTimeParseException e) {
            add(pointer, "must be an RFC 3339 date-time, e.g. 2026-03-01T10:15:30Z");
            return null;
        }
    }

    /** Labels: at most 64, names {@code ^[a-zA-Z_][a-zA-Z0-9_]*$}, string values of at most 1,024 characters. */
    Map<String, String> labels(JsonNode parent, String field, String pointer) {
        return stringMap(parent.get(field), pointer, MAX_LABELS, MAX_LABEL_VALUE, true);
    }

    /** Annotations: string values of at most 8,192 characters. */
    Map<String, String> annotations(JsonNode parent, String field, String pointer) {
        return stringMap(parent.get(field), pointer, MAX_ANNOTATIONS, MAX_ANNOTATION_VALUE, false);
    }

    private Map<String, String> stringMap(JsonNode v, String pointer, int maxPairs, int maxValue,
            boolean checkNames) {
        Map<String, String> map = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return map;
        }
        if (!v.isObject()) {
            add(pointer, "must be an object of strings");
            return map;
        }
        if (v.size() > maxPairs) {
            add(pointer, "must have at most " + maxPairs + " entries");
            return map;
        }
        var fields = v.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            String at = JsonPointer.child(pointer, e.getKey());
            if (checkNames && !LABEL_NAME.matcher(e.getKey()).matches()) {
                add(at, "label name must match ^[a-zA-Z_][a-zA-Z0-9_]*$");
                continue;
            }
            JsonNode value = e.getValue();
            if (!value.isTextual()) {
                add(at, "must be a string");
            } else if (value.textValue().length() > maxValue) {
                add(at, "must be at most " + maxValue + " characters");
            } else {
                map.put(e.getKey(), value.textValue());
            }
        }
        return map;
    }
}
