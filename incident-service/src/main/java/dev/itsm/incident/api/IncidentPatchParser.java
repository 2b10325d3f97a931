package dev.itsm.incident.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.itsm.incident.Impact;
import dev.itsm.incident.Incident;
import dev.itsm.incident.Urgency;
import dev.itsm.platform.problem.Problem;
import dev.itsm.platform.problem.ValidationException;

/** Reads a JSON merge patch (RFC 7396) of an incident into {@link Incident.Changes}, naming every bad field. */
public final class IncidentPatchParser {

    private static final Set<String> COMMAND_FIELDS = Set.of("state", "priority", "assignmentGroup", "assignee",
            "holdReason", "resolutionCode", "resolutionNotes", "cancelReason", "majorIncident");
    private static final Set<String> READ_ONLY = Set.of("id", "number", "caller", "serviceId", "serviceName",
            "openedAt", "acknowledgedAt", "resolvedAt", "closedAt", "canceledAt", "reopenCount", "version",
            "updatedAt", "sla", "allowedCommands");

    private IncidentPatchParser() {
    }

    public static Incident.Changes parse(String body, ObjectMapper json) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (Exception e) {
            throw new ValidationException("body", "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException("body", "must be a JSON object (a merge patch)");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String title = null;
        String description = null;
        String category = null;
        Impact impact = null;
        Urgency urgency = null;
        UUID ciId = null;
        boolean clearCi = false;
        Set<String> changes = null;
        UUID parent = null;
        boolean clearParent = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            switch (name) {
                case "title" -> {
                    if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > 200) {
                        errors.add(new Problem.FieldError(name, "must be a non-blank string of at most 200 characters"));
                    } else {
                        title = v.asText();
                    }
                }
                case "description" -> description = text(name, v, 10000, errors);
                case "category" -> category = text(name, v, 100, errors);
                case "impact" -> impact = enumValue(name, v, Impact.class, errors);
                case "urgency" -> urgency = enumValue(name, v, Urgency.class, errors);
                case "ciId" -> {
                    if (v.isNull()) {
                        clearCi = true;
                    } else {
                        ciId = uuid(name, v, errors);
                    }
                }
                case "parentIncidentId" -> {
                    if (v.isNull()) {
                        clearParent = true;
                    } else {
                        parent = uuid(name, v, errors);
                    }
                }
                case "linkedChangeIds" -> {
                    if (v.isNull()) {
                        changes = Set.of();
                    } else if (!v.isArray()) {
                        errors.add(new Problem.FieldError(name, "must be an array of change ids or null"));
                    } else {
                        changes = new LinkedHashSet<>();
                        for (JsonNode c : v) {
                            if (!c.isTextual() || c.asText().isBlank() || c.asText().length() > 64) {
                                errors.add(new Problem.FieldError(name, "entries must be non-blank strings of at most 64 characters"));
                                break;
                            }
                            changes.add(c.asText());
                        }
                    }
                }
                default -> {
                    if (COMMAND_FIELDS.contains(name)) {
                        errors.add(new Problem.FieldError(name, "changes only through a command (POST /api/v1/incidents/{id}/<command>)"));
                    } else if (READ_ONLY.contains(name)) {
                        errors.add(new Problem.FieldError(name, "is read-only"));
                    } else {
                        errors.add(new Problem.FieldError(name, "unknown field"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Incident.Changes(title, description, category, impact, urgency, ciId, clearCi, changes, parent,
                clearParent);
    }

    /** Text or null; null (clear) is returned as "" so that "absent" and "cleared" stay apart. */
    private static String text(String name, JsonNode v, int max, List<Problem.FieldError> errors) {
        if (v.isNull()) {
            return "";
        }
        if (!v.isTextual() || v.asText().length() > max) {
            errors.add(new Problem.FieldError(name, "must be a string of at most " + max + " characters, or null"));
            return null;
        }
        return v.asText();
    }

    private static <E extends Enum<E>> E enumValue(String name, JsonNode v, Class<E> type, List<Problem.FieldError> errors) {
        try {
            return Enum.valueOf(type, v.asText(""));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(name, "must be one of HIGH, MEDIUM, LOW"));
            return null;
        }
    }

    private static UUID uuid(String name, JsonNode v, List<Problem.FieldError> errors) {
        try {
            return UUID.fromString(v.asText(""));
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(name, "must be a UUID or null"));
            return null;
        }
    }
}
