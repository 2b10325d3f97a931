package dev.itsm.incident.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Size;

/**
 * The body of {@code assign}, merged onto the current assignment like a JSON merge patch: an omitted
 * field stays as it is, {@code null} clears it.
 */
@Schema(name = "AssignIncidentRequest", description = "Assignment group and/or assignee. A field left out stays as it is; "
        + "null clears it (e.g. a new group without the previous assignee). The body names at least one of them, "
        + "and the incident stays assigned to a group or a person.")
public record AssignRequest(
        @Schema(nullable = true, example = "payments-2nd-line", description = "Left out: unchanged; null: cleared")
        @Size(max = 200) String assignmentGroup,
        @Schema(nullable = true, example = "bob", description = "Left out: unchanged; null: cleared")
        @Size(max = 200) String assignee) {
}
