package dev.itsm.change.api;

import java.time.Instant;
import java.util.UUID;

/** An incident linked to a change, with the incident facts known from incident events. */
public record IncidentLink(UUID incidentId, String relation, String source, String linkedBy, Instant linkedAt,
        String number, String title, String state, String priority) {
}
