package dev.itsm.incident.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.itsm.incident.Impact;
import dev.itsm.incident.IncidentSource;
import dev.itsm.incident.IncidentState;
import dev.itsm.incident.Priority;
import dev.itsm.incident.Urgency;

/** The full current facts of an incident that every {@link IncidentEvent} payload carries (unwrapped). */
public record IncidentFacts(
        UUID incidentId,
        String number,
        String title,
        String description,
        UUID serviceId,
        UUID ciId,
        String category,
        Impact impact,
        Urgency urgency,
        Priority priority,
        IncidentState state,
        String assignmentGroup,
        String assignee,
        boolean majorIncident,
        UUID parentIncidentId,
        List<String> linkedChangeIds,
        UUID knownErrorId,
        IncidentSource source,
        UUID alertGroupId,
        Instant openedAt,
        Instant occurredAt) {
}
