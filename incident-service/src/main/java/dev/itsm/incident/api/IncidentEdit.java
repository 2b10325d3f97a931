package dev.itsm.incident.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.itsm.incident.Impact;
import dev.itsm.incident.Incident;
import dev.itsm.incident.Urgency;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a PATCH of an incident edits: the current values are rendered as this record, the JSON merge
 * patch (RFC 7396) is merged in by the platform's {@code MergePatch}, and the result is validated
 * with the same limits as {@link CreateIncidentRequest}. {@link IncidentPatch} documents the body.
 */
public record IncidentEdit(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 10000) String description,
        @Size(max = 100) String category,
        @NotNull Impact impact,
        @NotNull Urgency urgency,
        UUID ciId,
        UUID parentIncidentId,
        Set<@NotBlank @Size(max = 64) String> linkedChangeIds) {

    /** Fields of the incident a PATCH cannot change, each with the reason the 400 gives. */
    public static final Map<String, String> FIXED = fixed(
            "changes only through a command (POST /api/v1/incidents/{id}/<command>)",
            List.of("state", "priority", "assignmentGroup", "assignee", "holdReason", "resolutionCode",
                    "resolutionNotes", "cancelReason", "majorIncident"),
            "is read-only",
            List.of("id", "number", "caller", "serviceId", "serviceName", "openedAt", "acknowledgedAt", "resolvedAt",
                    "closedAt", "canceledAt", "reopenCount", "version", "updatedAt", "sla", "allowedCommands",
                    "knownErrorId", "knownErrors"));

    public static IncidentEdit of(Incident.Edit e) {
        return new IncidentEdit(e.title(), e.description(), e.category(), e.impact(), e.urgency(), e.ciId(),
                e.parentIncidentId(), e.linkedChangeIds() == null ? null : new TreeSet<>(e.linkedChangeIds()));
    }

    public Incident.Edit values() {
        return new Incident.Edit(title, description, category, impact, urgency, ciId, parentIncidentId, linkedChangeIds);
    }

    private static Map<String, String> fixed(String byCommand, List<String> commandFields, String readOnly,
            List<String> readOnlyFields) {
        Map<String, String> fixed = new HashMap<>();
        commandFields.forEach(f -> fixed.put(f, byCommand));
        readOnlyFields.forEach(f -> fixed.put(f, readOnly));
        return Map.copyOf(fixed);
    }
}
