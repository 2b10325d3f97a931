package dev.itsm.problemmanagement.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.problemmanagement.Impact;
import dev.itsm.problemmanagement.Priority;
import dev.itsm.problemmanagement.Problem;
import dev.itsm.problemmanagement.ProblemState;
import dev.itsm.problemmanagement.Urgency;

@Schema(name = "ProblemView", description = "A problem as read; version is its ETag")
public record ProblemView(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182") UUID id,
        @Schema(example = "PRB0001000") String number,
        @Schema(example = "Checkout intermittently fails with HTTP 502") String title,
        @Schema(nullable = true) String description,
        @Schema(description = "Affected services") List<UUID> serviceIds,
        @Schema(description = "Affected configuration items") List<UUID> ciIds,
        Impact impact,
        Urgency urgency,
        Priority priority,
        ProblemState state,
        @Schema(description = "Commands accepted in the current state", example = "[\"start-analysis\",\"update\",\"cancel\"]") List<String> allowedCommands,
        @Schema(nullable = true, example = "payments-3rd-line") String assignmentGroup,
        @Schema(nullable = true, example = "carol") String assignee,
        @Schema(nullable = true, example = "capacity") String rootCauseCategory,
        @Schema(nullable = true) String rootCauseAnalysis,
        @Schema(nullable = true) String workaround,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true, description = "Its entry in the known-error database") UUID knownErrorId,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true, description = "The change proposed as the fix (while one is)") UUID fixChangeId,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true, description = "FIX_VERIFICATION: closes by itself at this instant unless a matching incident reopens it") Instant verificationEndsAt,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true, description = "The recurrence candidate it was accepted from") UUID candidateId,
        @Schema(description = "Incidents linked to the problem: the first " + Problem.LISTED_INCIDENT_IDS + " by id (linkedIncidentCount "
                + "counts all; GET /api/v1/problems/{id}/incidents pages through every one)") List<UUID> linkedIncidentIds,
        @Schema(description = "How many incidents are linked", example = "3") int linkedIncidentCount,
        @Schema(description = "Changes linked to the problem (the fix and related ones)") List<UUID> linkedChangeIds,
        @Schema(example = "alice") String loggedBy,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant loggedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant resolvedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant closedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant canceledAt,
        @Schema(nullable = true) String cancelReason,
        int reopenCount,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant updatedAt,
        @Schema(description = "The ETag: send it as If-Match to update", example = "3") long version) {

    public static ProblemView of(Problem p) {
        return new ProblemView(p.id(), p.number(), p.title(), p.description(), p.serviceIds(), p.ciIds(), p.impact(),
                p.urgency(), p.priority(), p.state(), p.state().allowedCommands(), p.assignmentGroup(), p.assignee(),
                p.rootCauseCategory(), p.rootCauseAnalysis(), p.workaround(), p.knownErrorId(), p.fixChangeId(),
                p.verificationEndsAt(), p.candidateId(), p.linkedIncidentIds(), p.linkedIncidentCount(), p.linkedChangeIds(), p.loggedBy(),
                p.loggedAt(), p.resolvedAt(), p.closedAt(), p.canceledAt(), p.cancelReason(), p.reopenCount(),
                p.updatedAt(), p.version());
    }
}
