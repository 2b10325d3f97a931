package dev.itsm.problemmanagement.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.itsm.problemmanagement.Impact;
import dev.itsm.problemmanagement.Problem;
import dev.itsm.problemmanagement.Urgency;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a PATCH of a problem edits: the current values are rendered as this record, the JSON merge
 * patch (RFC 7396) is merged in by the platform's {@code MergePatch}, and the result is validated with
 * the same limits as {@link CreateProblemRequest}. {@link ProblemPatch} documents the body.
 */
public record ProblemEdit(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 10000) String description,
        @Size(max = 100) List<@NotNull UUID> serviceIds,
        @Size(max = 100) List<@NotNull UUID> ciIds,
        @NotNull Impact impact,
        @NotNull Urgency urgency,
        @Size(max = 200) String assignmentGroup,
        @Size(max = 200) String assignee) {

    /** Fields of the problem a PATCH cannot change, each with the reason the 400 gives. */
    public static final Map<String, String> FIXED = fixed();

    public static ProblemEdit of(Problem p) {
        return new ProblemEdit(p.title(), p.description(), p.serviceIds(), p.ciIds(), p.impact(), p.urgency(),
                p.assignmentGroup(), p.assignee());
    }

    public Problem.Edit values() {
        return new Problem.Edit(title, description, serviceIds, ciIds, impact, urgency, assignmentGroup, assignee);
    }

    private static Map<String, String> fixed() {
        Map<String, String> fixed = new HashMap<>();
        String byCommand = "changes only through a command (POST /api/v1/problems/{id}/<command>)";
        List.of("state", "priority", "rootCauseCategory", "rootCauseAnalysis", "workaround", "knownErrorId", "fixChangeId",
                "verificationEndsAt", "cancelReason").forEach(f -> fixed.put(f, byCommand));
        fixed.put("incidentIds", "changes through POST/DELETE /api/v1/problems/{id}/incidents");
        fixed.put("linkedIncidentIds", "changes through POST/DELETE /api/v1/problems/{id}/incidents");
        fixed.put("linkedIncidentCount", "changes through POST/DELETE /api/v1/problems/{id}/incidents");
        fixed.put("linkedChangeIds", "changes through POST /api/v1/problems/{id}/changes and propose-fix");
        List.of("id", "number", "candidateId", "loggedBy", "loggedAt", "resolvedAt", "closedAt", "canceledAt", "reopenCount",
                "updatedAt", "version", "allowedCommands").forEach(f -> fixed.put(f, "is read-only"));
        return Map.copyOf(fixed);
    }
}
