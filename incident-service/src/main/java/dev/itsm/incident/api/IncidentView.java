package dev.itsm.incident.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.HoldReason;
import dev.itsm.incident.Impact;
import dev.itsm.incident.Incident;
import dev.itsm.incident.IncidentState;
import dev.itsm.incident.Priority;
import dev.itsm.incident.ResolutionCode;
import dev.itsm.incident.Urgency;

@Schema(name = "Incident")
public record IncidentView(
        UUID id,
        @Schema(example = "INC0001001") String number,
        String title,
        String description,
        String caller,
        UUID serviceId,
        @Schema(description = "Name of the service in the local catalogue replica") String serviceName,
        @Schema(description = "Affected configuration item, if known") UUID ciId,
        @Schema(example = "software") String category,
        @Schema(example = "HIGH") Impact impact,
        @Schema(example = "MEDIUM") Urgency urgency,
        @Schema(description = "impact × urgency, from the priority matrix", example = "P2") Priority priority,
        @Schema(example = "IN_PROGRESS") IncidentState state,
        @Schema(description = "Commands accepted in the current state") List<String> allowedCommands,
        String assignmentGroup,
        String assignee,
        HoldReason holdReason,
        Instant openedAt,
        Instant acknowledgedAt,
        Instant resolvedAt,
        Instant closedAt,
        Instant canceledAt,
        ResolutionCode resolutionCode,
        String resolutionNotes,
        String cancelReason,
        int reopenCount,
        boolean majorIncident,
        UUID parentIncidentId,
        Set<String> linkedChangeIds,
        @Schema(description = "Per SLA metric, from the sla-service") List<SlaStatusView> sla,
        Instant updatedAt,
        long version) {

    public static IncidentView of(Incident i, String serviceName, List<SlaStatusView> sla) {
        return new IncidentView(i.id(), i.number(), i.title(), i.description(), i.caller(), i.serviceId(), serviceName,
                i.ciId(), i.category(), i.impact(), i.urgency(), i.priority(), i.state(), i.state().allowedCommands(),
                i.assignmentGroup(), i.assignee(), i.holdReason(), i.openedAt(), i.acknowledgedAt(), i.resolvedAt(),
                i.closedAt(), i.canceledAt(), i.resolutionCode(), i.resolutionNotes(), i.cancelReason(),
                i.reopenCount(), i.majorIncident(), i.parentIncidentId(), new TreeSet<>(i.linkedChangeIds()),
                sla, i.updatedAt(), i.version());
    }
}
