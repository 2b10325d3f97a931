package dev.itsm.incident.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.itsm.incident.HoldReason;
import dev.itsm.incident.Impact;
import dev.itsm.incident.Incident;
import dev.itsm.incident.IncidentSource;
import dev.itsm.incident.IncidentState;
import dev.itsm.incident.Priority;
import dev.itsm.incident.ResolutionCode;
import dev.itsm.incident.Urgency;

@Schema(name = "IncidentView", description = "An incident as read; version is its ETag")
public record IncidentView(
        @Schema(type = SchemaType.STRING, format = "uuid", example = "7c1e9b9e-0d5f-4a6e-9d55-3c1f0b7a2e11") UUID id,
        @Schema(example = "INC0001001") String number,
        @Schema(example = "Checkout fails with HTTP 502") String title,
        @Schema(nullable = true) String description,
        @Schema(example = "jane.doe@example.com") String caller,
        @Schema(type = SchemaType.STRING, format = "uuid", example = "3f1c2a4e-8d7b-4a2f-9c1e-5b6d7e8f9a01") UUID serviceId,
        @Schema(nullable = true, description = "Name of the service in the local catalogue replica") String serviceName,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true, description = "Affected configuration item, if known") UUID ciId,
        @Schema(nullable = true, example = "software") String category,
        Impact impact,
        Urgency urgency,
        Priority priority,
        IncidentState state,
        @Schema(description = "Commands accepted in the current state", example = "[\"assign\",\"hold\",\"resolve\"]") List<String> allowedCommands,
        @Schema(nullable = true, example = "payments-2nd-line") String assignmentGroup,
        @Schema(nullable = true, example = "bob") String assignee,
        @Schema(nullable = true) HoldReason holdReason,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant openedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant acknowledgedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant resolvedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant closedAt,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant canceledAt,
        @Schema(nullable = true) ResolutionCode resolutionCode,
        @Schema(nullable = true) String resolutionNotes,
        @Schema(nullable = true) String cancelReason,
        int reopenCount,
        boolean majorIncident,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true, description = "The major incident this one is a child of")
        UUID parentIncidentId,
        @Schema(description = "Change requests linked to the incident (change ids), here or on the change side")
        Set<String> linkedChangeIds,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true, description = "The known error of the problem "
                + "this incident is linked to (problem-service), set when the problem publishes it or links the incident; "
                + "its workaround is in the work notes") UUID knownErrorId,
        @Schema(description = "ACTIVE known errors matching the incident's CI (first) or service, at most 5, with their "
                + "workarounds; from the local replica of problem-service's known errors") List<KnownErrorMatchView> knownErrors,
        @Schema(description = "One entry per SLA timer (agreement × metric), from the sla-service; fills in "
                + "asynchronously after the incident is opened") List<SlaTimerView> sla,
        @Schema(description = "Who opened the incident: API (an agent or integration) or MONITORING (an alert group of "
                + "monitoring-service)") IncidentSource source,
        @Schema(type = SchemaType.STRING, format = "uuid", nullable = true, description = "The monitoring-service alert group "
                + "the incident is for (source MONITORING); its alerts open, escalate, resolve and reopen it") UUID alertGroupId,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant updatedAt,
        @Schema(description = "The ETag: send it as If-Match to update", example = "3") long version) {

    public static IncidentView of(Incident i, String serviceName, List<SlaTimerView> sla,
            List<KnownErrorMatchView> knownErrors) {
        return new IncidentView(i.id(), i.number(), i.title(), i.description(), i.caller(), i.serviceId(), serviceName,
                i.ciId(), i.category(), i.impact(), i.urgency(), i.priority(), i.state(), i.state().allowedCommands(),
                i.assignmentGroup(), i.assignee(), i.holdReason(), i.openedAt(), i.acknowledgedAt(), i.resolvedAt(),
                i.closedAt(), i.canceledAt(), i.resolutionCode(), i.resolutionNotes(), i.cancelReason(),
                i.reopenCount(), i.majorIncident(), i.parentIncidentId(), new TreeSet<>(i.linkedChangeIds()),
                i.knownErrorId(), knownErrors, sla, i.source(), i.alertGroupId(), i.updatedAt(), i.version());
    }
}
