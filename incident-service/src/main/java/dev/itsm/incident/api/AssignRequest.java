package dev.itsm.incident.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Size;

@Schema(name = "AssignRequest", description = "Assignment group and/or assignee (at least one)")
public record AssignRequest(
        @Schema(example = "payments-2nd-line") @Size(max = 200) String assignmentGroup,
        @Schema(example = "bob") @Size(max = 200) String assignee) {
}
